#include "lib/copy.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <sx/posix.h>

#include "lib/file_times.h"
#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

bool same_inode(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

bool newer_or_same(const struct stat& destination, const struct stat& source) {
    const timespec& d = destination.st_mtim;
    const timespec& s = source.st_mtim;
    return d.tv_sec > s.tv_sec || (d.tv_sec == s.tv_sec && d.tv_nsec >= s.tv_nsec);
}

// One line of stdin, affirmative when it starts with y or Y (coreutils yesno()).
bool answer_yes() {
    std::string line;
    char c = 0;
    while (::read(0, &c, 1) == 1 && c != '\n')
        line.push_back(c);
    return !line.empty() && (line[0] == 'y' || line[0] == 'Y');
}

}  // namespace

void Copier::fail(const std::string& message, int error) {
    std::string line = std::string(m_program) + ": " + message;
    if (error != 0)
        line += std::string(": ") + strerror_gnu(error);
    write_all(2, line + "\n");
}

bool Copier::ask_overwrite(const std::string& destination) {
    write_all(2, std::string(m_program) + ": overwrite " + quote_file_always(destination) + "? ");
    return answer_yes();
}

bool Copier::copy(const std::string& source, const std::string& destination, bool command_line) {
    m_complete = true;
    m_into_self = false;
    bool ok = copy_entry(source, destination, command_line, source, destination);
    if (!ok)
        m_complete = false;
    return ok;
}

void Copier::preserve(const std::string& destination, const struct stat& status, bool is_link) {
    if (m_options.preserve_timestamps) {
        timespec times[2] = {status.st_atim, status.st_mtim};
        set_file_times(destination.c_str(), times, !is_link);
    }
    if (m_options.preserve_ownership) {
        // Failing to give a file away is not an error for -p (copy.c chown_failure_ok()).
        if (is_link)
            (void)::lchown(destination.c_str(), status.st_uid, status.st_gid);
        else
            (void)::chown(destination.c_str(), status.st_uid, status.st_gid);
    }
    if (m_options.preserve_mode && !is_link)
        ::chmod(destination.c_str(), status.st_mode & 07777);
}

bool Copier::copy_entry(const std::string& source, const std::string& destination, bool command_line,
                        const std::string& top_source, const std::string& top_destination) {
    using Dereference = CopyOptions::Dereference;
    bool follow = m_options.dereference == Dereference::always ||
                  (m_options.dereference == Dereference::command_line && command_line);
    struct stat status {};
    if ((follow ? ::stat(source.c_str(), &status) : ::lstat(source.c_str(), &status)) != 0) {
        fail("cannot stat " + quote_file_always(source), errno);
        return false;
    }
    struct stat target {};
    bool exists = ::lstat(destination.c_str(), &target) == 0;
    if (!exists && errno != ENOENT) {
        fail("cannot stat " + quote_file_always(destination), errno);
        return false;
    }
    struct stat followed = target;
    if (exists && S_ISLNK(target.st_mode) && ::stat(destination.c_str(), &followed) != 0)
        followed = target;
    bool no_clobber = m_options.overwrite == CopyOptions::Overwrite::no_clobber;
    if (exists && !no_clobber && same_inode(status, followed) && !(S_ISLNK(status.st_mode) && !same_inode(status, target))) {
        fail(quote_file_always(source) + " and " + quote_file_always(destination) + " are the same file", 0);
        return false;
    }
    if (S_ISDIR(status.st_mode)) {
        if (!m_options.recursive) {
            fail("-r not specified; omitting directory " + quote_file_always(source), 0);
            return false;
        }
        if (m_created_directories.contains({status.st_dev, status.st_ino})) {
            fail("cannot copy a directory, " + quote_file_always(top_source) + ", into itself, " +
                     quote_file_always(top_destination),
                 0);
            m_into_self = true;
            return false;
        }
        if (exists && !S_ISDIR(followed.st_mode)) {
            fail("cannot overwrite non-directory " + quote_file_always(destination) + " with directory " +
                     quote_file_always(source),
                 0);
            return false;
        }
        return copy_directory(source, destination, status, top_source, top_destination);
    }
    if (exists && S_ISDIR(followed.st_mode) && !(S_ISLNK(target.st_mode) && !follow)) {
        fail("cannot overwrite directory " + quote_file_always(destination) + " with non-directory", 0);
        return false;
    }
    if (exists) {
        if (m_options.overwrite == CopyOptions::Overwrite::no_clobber)
            return true;
        if (m_options.update && newer_or_same(target, status))
            return true;
        if (m_options.overwrite == CopyOptions::Overwrite::ask && !ask_overwrite(destination))
            return true;
    }
    std::string verbose = quote_file_always(source) + " -> " + quote_file_always(destination) + "\n";
    auto link_instead = [&](const std::string& existing, bool symbolic) {
        if (exists && (m_options.force || m_options.remove_destination || m_options.move))
            ::unlink(destination.c_str());
        int result = symbolic ? ::symlink(existing.c_str(), destination.c_str())
                              : ::link(existing.c_str(), destination.c_str());
        if (result != 0) {
            fail(std::string(symbolic ? "cannot create symbolic link " : "cannot create hard link ") +
                     quote_file_always(destination) + " to " + quote_file_always(existing),
                 errno);
            return false;
        }
        if (m_options.verbose)
            write_all(1, verbose);
        return true;
    };
    if (m_options.hard_link)
        return link_instead(source, false);
    if (m_options.symbolic_link) {
        if (source[0] != '/' && destination.find('/') != std::string::npos) {
            write_all(2, std::string(m_program) + ": " + destination +
                             ": can make relative symbolic links only in current directory\n");
            return false;
        }
        return link_instead(source, true);
    }
    if (m_options.preserve_links && status.st_nlink > 1 && !S_ISDIR(status.st_mode)) {
        auto found = m_linked.find({status.st_dev, status.st_ino});
        if (found != m_linked.end())
            return link_instead(found->second, false);
    }
    bool ok = false;
    if (S_ISLNK(status.st_mode)) {
        ok = copy_symlink(source, destination, exists);
    } else if (S_ISREG(status.st_mode)) {
        ok = copy_regular(source, destination, status, exists && !S_ISLNK(target.st_mode));
    } else {
        fail("cannot create special file " + quote_file_always(destination), ENOTSUP);
        return false;
    }
    if (!ok)
        return false;
    if (m_options.preserve_links && status.st_nlink > 1)
        m_linked.emplace(std::make_pair(status.st_dev, status.st_ino), destination);
    preserve(destination, status, S_ISLNK(status.st_mode));
    if (m_options.verbose)
        write_all(1, verbose);
    return true;
}

bool Copier::copy_directory(const std::string& source, const std::string& destination, const struct stat& status,
                            const std::string& top_source, const std::string& top_destination) {
    bool created = false;
    struct stat existing {};
    if (::stat(destination.c_str(), &existing) != 0) {
        mode_t mode = m_options.no_preserve_mode ? 0777 : status.st_mode & 07777;
        if (::mkdir(destination.c_str(), mode | S_IRWXU) != 0) {
            fail("cannot create directory " + quote_file_always(destination), errno);
            return false;
        }
        created = true;
        struct stat made {};
        if (::stat(destination.c_str(), &made) == 0)
            m_created_directories.emplace(made.st_dev, made.st_ino);
        if (m_options.verbose)
            write_all(1, quote_file_always(source) + " -> " + quote_file_always(destination) + "\n");
    }
    std::vector<std::string> names;
    int error = read_directory(source, names);
    bool ok = true;
    if (error != 0) {
        fail("cannot access " + quote_file_always(source), error);
        ok = false;
    }
    for (const auto& name : names) {
        ok = copy_entry(join_path(source, name), join_path(destination, name), false, top_source, top_destination) &&
             ok;
        if (m_into_self)
            break;
    }
    // A new directory ends with the source's mode less the umask; -p keeps the mode exactly.
    if (created && !m_options.preserve_mode)
        ::chmod(destination.c_str(), (m_options.no_preserve_mode ? 0777 : status.st_mode & 07777) & ~m_options.umask_value);
    preserve(destination, status, false);
    return ok;
}

bool Copier::copy_regular(const std::string& source, const std::string& destination, const struct stat& status,
                          bool destination_exists) {
    int input = ::open(source.c_str(), O_RDONLY);
    if (input < 0) {
        fail("cannot open " + quote_file_always(source) + " for reading", errno);
        return false;
    }
    if (destination_exists && m_options.remove_destination && ::unlink(destination.c_str()) != 0 && errno != ENOENT) {
        fail("cannot remove " + quote_file_always(destination), errno);
        ::close(input);
        return false;
    }
    int output = -1;
    if (destination_exists && !m_options.remove_destination) {
        output = ::open(destination.c_str(), O_WRONLY | O_TRUNC);
        if (output < 0 && m_options.force && ::unlink(destination.c_str()) == 0)
            destination_exists = false;
        else if (output < 0) {
            fail("cannot open " + quote_file_always(destination) + " for writing", errno);
            ::close(input);
            return false;
        }
    }
    if (output < 0) {
        mode_t mode = m_options.no_preserve_mode ? 0666 : status.st_mode & 0777;
        output = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL, mode);
        if (output < 0) {
            // copy.c: "x/" names a directory that is not there, so say ENOTDIR, not EISDIR.
            int error = errno == EISDIR && destination.back() == '/' ? ENOTDIR : errno;
            fail("cannot create regular file " + quote_file_always(destination), error);
            ::close(input);
            return false;
        }
    }
    bool ok = true;
    int read_error = read_blocks(input, [&](std::string_view block) {
        if (write_all(output, block))
            return true;
        fail("error writing " + quote_file_always(destination), errno);
        ok = false;
        return false;
    });
    if (read_error != 0) {
        fail("error reading " + quote_file_always(source), read_error);
        ok = false;
    }
    ::close(input);
    if (::close(output) != 0 && ok) {
        fail("failed to close " + quote_file_always(destination), errno);
        ok = false;
    }
    return ok;
}

bool Copier::copy_symlink(const std::string& source, const std::string& destination, bool destination_exists) {
    std::vector<char> buffer(4096);
    ssize_t length = ::readlink(source.c_str(), buffer.data(), buffer.size());
    if (length < 0) {
        fail("cannot read symbolic link " + quote_file_always(source), errno);
        return false;
    }
    std::string target(buffer.data(), static_cast<size_t>(length));
    // copy.c replaces an existing non-directory when it copies a link as a link.
    if (destination_exists)
        ::unlink(destination.c_str());
    if (::symlink(target.c_str(), destination.c_str()) != 0) {
        fail("cannot create symbolic link " + quote_file_always(destination), errno);
        return false;
    }
    return true;
}

}  // namespace toolbox
