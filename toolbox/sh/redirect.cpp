#include "sh/redirect.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh/expand.h"
#include "sh/word_source.h"

namespace sh {

namespace {

constexpr int k_saved_fd_floor = 10;  // bash keeps saved descriptors at 10 and up
constexpr int k_dupfd = 0;             // F_DUPFD
constexpr int k_dupfd_cloexec = 1030;  // F_DUPFD_CLOEXEC (Linux's; wasi-libc hides the name)

bool is_input(RedirectOp op) {
    return op == RedirectOp::input || op == RedirectOp::read_write || op == RedirectOp::dup_input ||
           op == RedirectOp::heredoc || op == RedirectOp::heredoc_strip || op == RedirectOp::herestring;
}

std::optional<int> fd_number(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

// A descriptor the shell opened, moved to 10 or above (close-on-exec) so it never is the
// descriptor a redirection targets (`exec 3<file` when 3 was free), as bash does.
int out_of_the_way(int fd) {
    if (fd < k_saved_fd_floor) {
        int high = sx_fcntl(fd, k_dupfd_cloexec, k_saved_fd_floor);
        if (high >= 0) {
            ::close(fd);
            return high;
        }
    }
    (void)sx_fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

// A here-document or here-string as a readable descriptor: a pipe when it fits in one (the
// writer must not block), a deleted temporary file otherwise.
int content_fd(Shell& shell, const std::string& text) {
    if (text.size() < 60000) {
        int ends[2];
        if (pipe2(ends, SX_O_CLOEXEC) == 0) {
            ssize_t written = text.empty() ? 0 : ::write(ends[1], text.data(), text.size());
            ::close(ends[1]);
            if (written == static_cast<ssize_t>(text.size()))
                return out_of_the_way(ends[0]);
            ::close(ends[0]);
        }
    }
    std::string path = "/tmp/sh-here-" + std::to_string(getpid()) + "-" + std::to_string(text.size());
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        shell.error(std::string("cannot create temp file for here-document: ") + std::strerror(errno));
        return -1;
    }
    ::unlink(path.c_str());
    (void)::write(fd, text.data(), text.size());
    ::lseek(fd, 0, SEEK_SET);
    return out_of_the_way(fd);
}

int open_file(Shell& shell, const std::string& path, RedirectOp op) {
    int flags = 0;
    switch (op) {
    case RedirectOp::input: flags = O_RDONLY; break;
    case RedirectOp::read_write: flags = O_RDWR | O_CREAT; break;
    case RedirectOp::append:
    case RedirectOp::append_both: flags = O_WRONLY | O_CREAT | O_APPEND; break;
    default: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
    }
    if (shell.options.noclobber && (op == RedirectOp::output || op == RedirectOp::output_both)) {
        struct stat status;
        if (::stat(path.c_str(), &status) == 0 && S_ISREG(status.st_mode)) {
            shell.error(path + ": cannot overwrite existing file");
            return -1;
        }
    }
    int fd = ::open(path.c_str(), flags, 0666);
    if (fd < 0) {
        shell.error(path + ": " + std::strerror(errno));
        return -1;
    }
    return out_of_the_way(fd);
}

}  // namespace

int default_fd(RedirectOp op) { return is_input(op) ? 0 : 1; }

namespace {

// Open in this shell, or (for a child) in the plan of the child's descriptors so far.
bool descriptor_exists(int fd, const ChildFds* plan) {
    int source = plan ? plan->source_of(fd) : fd;
    return source >= 0 && sx_fcntl(source, F_GETFD, 0) >= 0;
}

}  // namespace

// bash fails just the command when a redirection's word does not expand.
RedirectSource expansion_failed(Shell& shell) {
    if (shell.flow == Flow::aborting)
        shell.flow = Flow::normal;
    return {};
}

RedirectSource open_redirect(Shell& shell, const Redirect& redirect, int target_fd, const ChildFds* plan) {
    RedirectOp op = redirect.op;
    if (op == RedirectOp::heredoc || op == RedirectOp::heredoc_strip) {
        auto body = expand_heredoc(shell, redirect.target, redirect.heredoc_quoted);
        if (!body)
            return expansion_failed(shell);
        return RedirectSource{content_fd(shell, *body), true, false};
    }
    if (op == RedirectOp::herestring) {
        auto text = expand_string(shell, redirect.target);
        if (!text)
            return expansion_failed(shell);
        return RedirectSource{content_fd(shell, *text + "\n"), true, false};
    }
    auto target = expand_word(shell, redirect.target);
    if (!target)
        return expansion_failed(shell);
    if (target->size() != 1) {
        shell.error(word_source(redirect.target) + ": ambiguous redirect");
        return {};
    }
    const std::string& text = target->front();
    if (op == RedirectOp::dup_input || op == RedirectOp::dup_output) {
        if (text == "-")
            return RedirectSource{-1, false, true};
        // n<&m- moves m: the caller closes m once it is duplicated.
        bool move = text.size() > 1 && text.back() == '-';
        auto number = fd_number(move ? std::string_view(text).substr(0, text.size() - 1) : std::string_view(text));
        if (move && number) {
            if (!descriptor_exists(*number, plan)) {
                shell.error(text.substr(0, text.size() - 1) + ": Bad file descriptor");
                return {};
            }
            return RedirectSource{*number, false, false, true};
        }
        if (!number) {
            if (op == RedirectOp::dup_output && (target_fd == 1 || redirect.fd < 0))
                return RedirectSource{open_file(shell, text, RedirectOp::output_both), true, false};
            shell.error(text + ": ambiguous redirect");
            return {};
        }
        if (!descriptor_exists(*number, plan)) {
            shell.error(text + ": Bad file descriptor");
            return {};
        }
        return RedirectSource{*number, false, false};
    }
    return RedirectSource{open_file(shell, text, op), true, false};
}

// ^RedirectScope

RedirectScope::RedirectScope(Shell& shell, const std::vector<Redirect>& redirects) : m_shell(shell) {
    for (const auto& redirect : redirects)
        if (!apply(redirect)) {
            m_ok = false;
            break;
        }
}

RedirectScope::~RedirectScope() {
    if (m_keep) {
        for (const auto& saved : m_saved)
            if (saved.copy >= 0)
                ::close(saved.copy);
        return;
    }
    for (auto it = m_saved.rbegin(); it != m_saved.rend(); ++it) {
        if (it->copy >= 0) {
            dup2(it->copy, it->fd);
            ::close(it->copy);
        } else {
            ::close(it->fd);
        }
    }
}

void RedirectScope::save(int fd) {
    for (const auto& saved : m_saved)
        if (saved.fd == fd)
            return;
    int copy = sx_fcntl(fd, k_dupfd_cloexec, k_saved_fd_floor);
    m_saved.push_back({fd, copy});
}

// {name}>file: the file gets a new descriptor of 10 or more, its number stored in name; it stays
// open after the command (as bash's without varredir_close). {name}>&- closes the one named.
bool RedirectScope::apply_fd_variable(const Redirect& redirect) {
    const std::string& name = redirect.fd_variable;
    auto source = open_redirect(m_shell, redirect, -1);
    if (source.close) {
        auto number = fd_number(m_shell.variables.get(name).value_or(""));
        if (!number) {
            m_shell.error(name + ": ambiguous redirect");  // bash: the variable holds no descriptor
            return false;
        }
        ::close(*number);
        return true;
    }
    if (source.fd < 0)
        return false;
    int fd = sx_fcntl(source.fd, k_dupfd, k_saved_fd_floor);
    if (source.opened || source.move)
        ::close(source.fd);
    if (fd < 0) {
        m_shell.error(name + ": cannot allocate a file descriptor");
        return false;
    }
    if (m_shell.variables.set(name, std::to_string(fd)) != AssignError::none) {
        ::close(fd);
        return false;
    }
    return true;
}

bool RedirectScope::apply(const Redirect& redirect) {
    int fd = redirect.fd >= 0 ? redirect.fd : default_fd(redirect.op);
    if (!redirect.fd_variable.empty())
        return apply_fd_variable(redirect);
    auto source = open_redirect(m_shell, redirect, fd);
    if (!source.close && source.fd < 0)
        return false;
    bool both = redirect.op == RedirectOp::output_both || redirect.op == RedirectOp::append_both ||
                (redirect.op == RedirectOp::dup_output && source.opened && redirect.fd < 0);
    for (int target : both ? std::vector<int>{1, 2} : std::vector<int>{fd}) {
        save(target);
        if (source.close)
            ::close(target);
        else if (source.fd != target)
            dup2(source.fd, target);
    }
    if (source.opened)
        ::close(source.fd);
    if (source.move && source.fd != fd) {
        save(source.fd);
        ::close(source.fd);
    }
    return true;
}

// ^ChildRedirects

ChildRedirects::ChildRedirects(Shell& shell, const std::vector<Redirect>& redirects, ChildFds base)
    : m_fds(std::move(base)) {
    for (const auto& redirect : redirects) {
        int fd = redirect.fd >= 0 ? redirect.fd : default_fd(redirect.op);
        auto source = open_redirect(shell, redirect, fd, &m_fds);
        if (!source.close && source.fd < 0) {
            m_ok = false;
            return;
        }
        if (source.opened)
            m_opened.push_back(source.fd);
        bool both = redirect.op == RedirectOp::output_both || redirect.op == RedirectOp::append_both ||
                    (redirect.op == RedirectOp::dup_output && source.opened && redirect.fd < 0);
        // A dup names the child's view of the source descriptor: 2>&1 after >f means f.
        int parent = source.close ? -1 : (source.opened ? source.fd : m_fds.source_of(source.fd));
        for (int target : both ? std::vector<int>{1, 2} : std::vector<int>{fd})
            m_fds.map(target, parent);
        if (source.move && source.fd != fd)
            m_fds.map(source.fd, -1);
    }
}

ChildRedirects::~ChildRedirects() {
    for (int fd : m_opened)
        ::close(fd);
}

}  // namespace sh
