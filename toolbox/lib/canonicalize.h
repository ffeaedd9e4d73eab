// canonicalize.h — absolute names without ".", ".." or symlinks, as gnulib canonicalize.c
// makes them for readlink -f/-e/-m and realpath: resolved by reading each link (lstat,
// readlink), with ELOOP after too many. And relative names between two of them (realpath
// --relative-to, ln -r).
// Thread safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace toolbox {

enum class Canonical {
    existing,      // every component must exist (readlink -e, realpath -e)
    all_but_last,  // all but the last must exist (readlink -f, realpath's default)
    missing,       // none needs to exist (readlink -m, realpath -m)
};

// The canonical name of `path`, or nullopt with `error` set to an errno. `follow_links` false
// treats ".." textually and keeps symlinks (realpath -s).
std::optional<std::string> canonicalize(std::string_view path, Canonical mode, int& error, bool follow_links = true);
// `path` relative to the directory `base`, both canonical ("/a/b/c" from "/a/d" is "../b/c").
std::string relative_path(std::string_view path, std::string_view base);

}  // namespace toolbox
