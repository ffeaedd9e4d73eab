// mini_shell.h — "minish", a deliberately small interactive shell that ships with the CLI until
// the toolbox's POSIX sh is mounted. It exercises the whole terminal path: prompt, cooked input
// from the line discipline, ^C at the prompt and in a foreground job, ^D to exit, job control
// with process groups and tcsetpgrp. Builtins: echo, exit, help, sleep MS; any other word runs
// the registered command of that name as a foreground job.
#pragma once

#include <secure_exec/function_driver.h>

namespace secure_exec::cli {

// Adds "minish" and its helper commands (sleep) to `driver`.
void add_mini_shell(FunctionDriver& driver);

}  // namespace secure_exec::cli
