// redirect.h — redirections, two ways: on this shell's own descriptors for the length of a builtin,
// function or compound command (saved and restored), or as a plan for a child's descriptors
// (files opened here, mapped into the child by the kernel's spawn file actions).
// Thread safety: single-threaded.
#pragma once

#include <vector>

#include "sh/lang/ast.h"
#include "sh/process.h"
#include "sh/shell.h"

namespace sh {

// Applies redirections to the shell's descriptors; the destructor restores them unless
// keep() was called (`exec >file`). ok() is false when one failed (the error is reported).
class RedirectScope {
public:
    RedirectScope(Shell& shell, const std::vector<Redirect>& redirects);
    ~RedirectScope();
    RedirectScope(const RedirectScope&) = delete;
    RedirectScope& operator=(const RedirectScope&) = delete;
    bool ok() const { return m_ok; }
    void keep() { m_keep = true; }

private:
    struct Saved {
        int fd;
        int copy;  // -1: fd was closed before
    };
    bool apply(const Redirect& redirect);
    bool apply_fd_variable(const Redirect& redirect);
    void save(int fd);

    Shell& m_shell;
    std::vector<Saved> m_saved;
    bool m_ok{true};
    bool m_keep{false};
};

// The descriptors for a child: files opened now (closed by the destructor, after the spawn).
class ChildRedirects {
public:
    ChildRedirects(Shell& shell, const std::vector<Redirect>& redirects, ChildFds base = {});
    ~ChildRedirects();
    ChildRedirects(const ChildRedirects&) = delete;
    ChildRedirects& operator=(const ChildRedirects&) = delete;
    bool ok() const { return m_ok; }
    const ChildFds& fds() const { return m_fds; }

private:
    ChildFds m_fds;
    std::vector<int> m_opened;
    bool m_ok{true};
};

// Opens what one redirection names and returns the descriptor (or -1 after reporting an error);
// for dup forms, the source descriptor number (or -2 for "close").
struct RedirectSource {
    int fd{-1};
    bool opened{false};  // a new descriptor the caller must close
    bool close{false};
    bool move{false};    // n<&m-: m is closed after the duplication
};
// `plan`: a child's descriptors so far, so that `3<<EOF <&3` may name a descriptor only the child has.
RedirectSource open_redirect(Shell& shell, const Redirect& redirect, int target_fd, const ChildFds* plan = nullptr);
// The descriptor a redirection applies to when it names none.
int default_fd(RedirectOp op);

}  // namespace sh
