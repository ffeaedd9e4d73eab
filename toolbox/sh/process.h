// process.h — child processes through the kernel: external commands, and child shells that run a
// piece of this shell's source with its state (what a fork would have copied).
// Thread safety: single-threaded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sx/posix.h>

#include "sh/shell.h"

namespace sh {

// Where a child's descriptors come from: child fd → this shell's fd (-1 closes it in the child).
// Descriptors not listed are inherited as they are.
struct ChildFds {
    std::vector<secure_exec_fd_action> actions;
    // Job control (jobs.h): -1 the shell's group, 0 a new one, N group N; with a group, the
    // terminal at foreground_fd (if >= 0) gives it its foreground.
    int process_group{-1};
    int foreground_fd{-1};
    void map(int child_fd, int parent_fd);
    // The shell fd that the child's `fd` will be, after the mappings so far (itself if unmapped).
    int source_of(int child_fd) const;
};

struct SpawnResult {
    int pid{-1};
    int error{0};  // errno when pid is -1
};

// Where command NAME is found in PATH (NAME itself when it has a slash and is executable).
std::optional<std::string> find_in_path(const Shell& shell, const std::string& name);
// Every executable NAME in PATH, in PATH order (type -a).
std::vector<std::string> find_all_in_path(const Shell& shell, const std::string& name);

// Starts argv[0] (found in PATH by the kernel, or where `hash -p` put it) with the shell's
// exported environment and exported functions, plus `extra`.
SpawnResult spawn_external(Shell& shell, const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                           const ChildFds& fds);
// The same for a command the shell runs itself rather than in a forked copy (bash's view): the
// hash table remembers where it was found and counts the run.
SpawnResult spawn_command(Shell& shell, const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                          const ChildFds& fds);
// Starts a child `sh` that runs `source` with this shell's state; its line 1 is `first_line` of
// this shell's text (0: the line of the command being run), so its messages name the right line.
SpawnResult spawn_child_shell(Shell& shell, std::string_view source, const ChildFds& fds, uint32_t first_line = 0);
// Waits for `pid` and returns its status as the shell reports it (128 + signal when killed).
int wait_for(Shell& shell, int pid);

// The message and status for a failed spawn of `command` (127 not found, 126 otherwise);
// `builtin`: the builtin that ran it (exec words "not found" differently).
int report_spawn_error(Shell& shell, const std::string& command, int error, std::string_view builtin = {});

}  // namespace sh
