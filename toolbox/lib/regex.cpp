// regex.cpp — interim implementation over wasi-libc's POSIX regex (musl's TRE), which already
// takes the GNU BRE extensions; to be replaced by the toolbox's own engine.
#include "lib/regex.h"

#include <regex.h>

namespace toolbox {

struct Regex::Impl {
    regex_t compiled{};
    std::size_t groups{0};
    ~Impl() { regfree(&compiled); }
};

Regex::Regex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Regex::~Regex() = default;

std::unique_ptr<Regex> Regex::compile(std::string_view pattern, const RegexOptions& options, std::string& error) {
    auto impl = std::make_unique<Impl>();
    int flags = 0;
    if (options.syntax == RegexSyntax::extended) flags |= REG_EXTENDED;
    if (options.ignore_case) flags |= REG_ICASE;
    if (options.multiline) flags |= REG_NEWLINE;
    std::string text(pattern);
    int code = regcomp(&impl->compiled, text.c_str(), flags);
    if (code != 0) {
        char message[256];
        regerror(code, &impl->compiled, message, sizeof message);
        error = message;
        impl.release();  // regcomp failed: nothing to free
        return nullptr;
    }
    impl->groups = impl->compiled.re_nsub;
    return std::unique_ptr<Regex>(new Regex(std::move(impl)));
}

std::size_t Regex::group_count() const { return m_impl->groups; }

bool Regex::matches(std::string_view text, RegexSearchFlags flags) const {
    std::vector<RegexSpan> groups;
    return search(text, 0, groups, flags);
}

bool Regex::search(std::string_view text, std::size_t start, std::vector<RegexSpan>& groups,
                   RegexSearchFlags flags) const {
    // TRE needs a NUL-terminated string and has no REG_STARTEND: search a copy of the tail.
    std::string tail(text.substr(start));
    std::vector<regmatch_t> found(m_impl->groups + 1);
    int eflags = 0;
    if (flags.not_bol || start > 0) eflags |= REG_NOTBOL;
    if (flags.not_eol) eflags |= REG_NOTEOL;
    if (regexec(&m_impl->compiled, tail.c_str(), found.size(), found.data(), eflags) != 0) return false;
    groups.assign(found.size(), RegexSpan{});
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (found[i].rm_so < 0) continue;
        groups[i] = {static_cast<std::ptrdiff_t>(start + found[i].rm_so),
                     static_cast<std::ptrdiff_t>(start + found[i].rm_eo)};
    }
    return true;
}

}  // namespace toolbox
