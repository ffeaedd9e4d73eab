#include "mini_shell.h"

#include <charconv>
#include <sstream>
#include <vector>

#include <secure_exec/kernel_interface.h>
#include <secure_exec/open_flags.h>
#include <secure_exec/signals.h>

namespace secure_exec::cli {

namespace {

std::vector<std::string> split_words(const std::string& line) {
    std::istringstream stream(line);
    std::vector<std::string> words;
    for (std::string word; stream >> word;)
        words.push_back(word);
    return words;
}

class MiniShell {
public:
    explicit MiniShell(ProcessContext& process) : m_process(process), m_kernel(process.kernel()), m_pid(process.pid()) {}

    int run() {
        // Like every job-control shell: catch SIGINT at the prompt, ignore the background-tty
        // signals so handing the terminal to jobs and taking it back never stops the shell.
        (void)m_kernel.sigaction(m_pid, signals::sigint, SignalAction{.disposition = Disposition::handler});
        for (int signal : {signals::sigttou, signals::sigttin, signals::sigtstp})
            (void)m_kernel.sigaction(m_pid, signal, SignalAction{.disposition = Disposition::ignore});
        while (true) {
            say("$ ");
            auto line = read_line();
            if (!line)
                return m_exit_code;  // ^D at an empty prompt
            if (auto code = execute(*line))
                return *code;
        }
    }

private:
    std::optional<std::string> read_line() {
        std::string line;
        std::byte buffer[1024];
        while (true) {
            auto count = m_kernel.read(m_pid, 0, buffer);
            if (count.is_error()) {
                if (count.error() != Errno::eintr || m_process.terminated())
                    return std::nullopt;
                (void)m_kernel.take_signal(m_pid);  // ^C: the line discipline dropped the line
                say("\n$ ");
                line.clear();
                continue;
            }
            if (count.value() == 0)
                return line.empty() ? std::nullopt : std::optional(line);
            line.append(reinterpret_cast<const char*>(buffer), count.value());
            if (line.back() == '\n') {
                line.pop_back();
                return line;
            }
        }
    }

    std::optional<int> execute(const std::string& line) {
        auto words = split_words(line);
        if (words.empty())
            return std::nullopt;
        const std::string& name = words[0];
        if (name == "exit") {
            int code = 0;
            if (words.size() > 1)
                std::from_chars(words[1].data(), words[1].data() + words[1].size(), code);
            return code;
        }
        if (name == "echo") {
            std::string text;
            for (size_t i = 1; i < words.size(); ++i)
                text += (i > 1 ? " " : "") + words[i];
            say(text + "\n");
            m_exit_code = 0;
            return std::nullopt;
        }
        if (name == "help") {
            say("minish: echo WORDS, exit [N], help, or a command name. ^C interrupts, ^D exits.\n");
            return std::nullopt;
        }
        run_job(std::vector<std::string>(words.begin() + 1, words.end()), name);
        return std::nullopt;
    }

    // Runs a command as a foreground job in its own process group.
    void run_job(std::vector<std::string> args, const std::string& command) {
        SpawnRequest request{.command = command, .args = std::move(args), .environ = m_process.environ()};
        auto child = m_kernel.spawn(m_pid, request);
        if (child.is_error()) {
            say("minish: " + command + ": " + std::string(errno_message(child.error())) + "\n");
            m_exit_code = child.error() == Errno::enoent ? 127 : 126;
            return;
        }
        (void)m_kernel.setpgid(m_pid, child.value(), child.value());
        (void)m_kernel.tcsetpgrp(m_pid, 0, child.value());
        auto waited = m_kernel.waitpid(m_pid, child.value(), flags::wuntraced);
        while (waited.is_error() && waited.error() == Errno::eintr && !m_process.terminated()) {
            // A ^C that came before the job owned the terminal reached the shell: pass it on.
            auto pending = m_kernel.take_signal(m_pid);
            if (!pending.is_error() && pending.value() && pending.value()->signal == signals::sigint)
                (void)m_kernel.kill(m_pid, -child.value(), signals::sigint);
            waited = m_kernel.waitpid(m_pid, child.value(), flags::wuntraced);
        }
        auto own_group = m_kernel.getpgid(m_pid, 0);
        if (!own_group.is_error())
            (void)m_kernel.tcsetpgrp(m_pid, 0, own_group.value());
        if (waited.is_error())
            return;
        int status = waited.value().status;
        if (wait_status::if_stopped(status)) {
            say("\n[stopped]\n");
            (void)m_kernel.kill(m_pid, child.value(), signals::sigkill);  // no fg/bg in minish
            (void)m_kernel.waitpid(m_pid, child.value());
        } else if (wait_status::if_signaled(status) && wait_status::term_signal(status) == signals::sigint) {
            say("\n");
        }
        m_exit_code = wait_status::shell_code(status);
    }

    void say(const std::string& text) { (void)m_process.write_text(1, text); }

    ProcessContext& m_process;
    KernelInterface& m_kernel;
    const Pid m_pid;
    int m_exit_code{0};
};

}  // namespace

void add_mini_shell(FunctionDriver& driver) {
    driver.add("minish", [](ProcessContext& process) { return MiniShell(process).run(); });
}

}  // namespace secure_exec::cli
