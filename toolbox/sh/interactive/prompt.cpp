// Prompt strings: backslash escapes first, then expansion of the result, as bash decodes them.
#include "sh/interactive/prompt.h"

#include <ctime>
#include <fcntl.h>
#include <unistd.h>

#include <sx/posix.h>

#include "lib/io.h"
#include "sh/expand.h"
#include "sh/lang/parser.h"
#include "sh/shell.h"

namespace sh {

namespace {

std::string variable(const Shell& shell, std::string_view name, std::string fallback = {}) {
    auto value = shell.variables.get(name);
    return value ? *value : fallback;
}

std::string host_name(const Shell& shell) {
    if (auto name = shell.variables.get("HOSTNAME"); name && !name->empty())
        return *name;
    int fd = ::open("/proc/sys/kernel/hostname", O_RDONLY);
    if (fd < 0)
        fd = ::open("/etc/hostname", O_RDONLY);
    if (fd >= 0) {
        int error = 0;
        std::string text = toolbox::read_all(fd, error);
        ::close(fd);
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        if (!text.empty())
            return text;
    }
    return "localhost";
}

// \w: the working directory with $HOME shown as ~.
std::string working_directory(const Shell& shell, bool base_only) {
    std::string directory = variable(shell, "PWD");
    std::string home = variable(shell, "HOME");
    if (!home.empty() && home != "/" &&
        (directory == home || (directory.starts_with(home) && directory[home.size()] == '/')))
        directory = "~" + directory.substr(home.size());
    if (base_only && directory != "/" && directory != "~") {
        size_t slash = directory.rfind('/');
        if (slash != std::string::npos && slash + 1 < directory.size())
            directory = directory.substr(slash + 1);
    }
    return directory;
}

std::string time_text(const char* format) {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char buffer[128];
    size_t size = std::strftime(buffer, sizeof buffer, format, &parts);
    return std::string(buffer, size);
}

std::string shell_name(const Shell& shell) {
    std::string name = shell.name;
    size_t slash = name.rfind('/');
    if (slash != std::string::npos)
        name = name.substr(slash + 1);
    if (!name.empty() && name[0] == '-')
        name.erase(0, 1);
    return name;
}

// A substituted value must not be expanded again (a directory named `$(x)`).
std::string protect(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '$' || c == '`' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

std::string escape(Shell& shell, char letter, std::string_view format, size_t& i, PromptNumbers numbers) {
    switch (letter) {
    case 'u': return protect(variable(shell, "USER", "user"));
    case 'h': {
        std::string host = host_name(shell);
        return protect(host.substr(0, host.find('.')));
    }
    case 'H': return protect(host_name(shell));
    case 'w': return protect(working_directory(shell, false));
    case 'W': return protect(working_directory(shell, true));
    case '$': return geteuid() == 0 ? "#" : "\\$";
    case 'n': return "\n";
    case 'r': return "\r";
    case 'a': return "\a";
    case 'e': return "\033";
    case 's': return protect(shell_name(shell));
    case 'v': return "5.2";
    case 'V': return "5.2.15";
    case 't': return time_text("%H:%M:%S");
    case 'T': return time_text("%I:%M:%S");
    case '@': return time_text("%I:%M %p");
    case 'A': return time_text("%H:%M");
    case 'd': return time_text("%a %b %d");
    case 'j': return std::to_string(shell.jobs.all().size());
    case 'l': return "tty";
    case '!': return std::to_string(numbers.history);
    case '#': return std::to_string(numbers.command);
    case '[': return std::string(1, k_prompt_ignore_start);
    case ']': return std::string(1, k_prompt_ignore_end);
    case '\\': return "\\\\";
    case 'D': {
        size_t close = format.find('}', i + 1);
        if (i + 1 < format.size() && format[i + 1] == '{' && close != std::string_view::npos) {
            std::string spec(format.substr(i + 2, close - i - 2));
            i = close;
            return time_text(spec.empty() ? "%X" : spec.c_str());
        }
        return "\\D";
    }
    default:
        if (letter >= '0' && letter <= '7') {
            int value = letter - '0';
            for (int digits = 1; digits < 3 && i + 1 < format.size() && format[i + 1] >= '0' && format[i + 1] <= '7';
                 ++digits)
                value = value * 8 + (format[++i] - '0');
            return std::string(1, static_cast<char>(value));
        }
        return std::string("\\") + letter;
    }
}

std::string decode(Shell& shell, std::string_view format, PromptNumbers numbers) {
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '\\' || i + 1 == format.size()) {
            out += format[i];
            continue;
        }
        char letter = format[++i];
        out += escape(shell, letter, format, i, numbers);
    }
    return out;
}

// Expands `text` as the body of an unquoted here-document: $ ` \ are special, quotes are not.
std::string expand_text(Shell& shell, const std::string& text) {
    if (text.find_first_of("$`\\") == std::string::npos)
        return text;
    const std::string delimiter = "__SX_PROMPT_END__";
    std::string source = ": <<" + delimiter + "\n" + text + "\n" + delimiter + "\n";
    auto parsed = parse_all(source);
    auto* program = std::get_if<Program>(&parsed);
    if (!program || program->items.empty() || program->items[0].and_or.first.commands.empty())
        return text;
    const auto* simple = std::get_if<SimpleCommand>(&program->items[0].and_or.first.commands[0].node);
    if (!simple || simple->redirects.empty())
        return text;
    int saved_status = shell.status;
    auto expanded = expand_heredoc(shell, simple->redirects[0].target, false);
    shell.status = saved_status;
    if (!expanded)
        return text;
    std::string result = *expanded;
    if (!result.empty() && result.back() == '\n')
        result.pop_back();
    return result;
}

}  // namespace

std::string expand_prompt(Shell& shell, std::string_view format, PromptNumbers numbers) {
    return expand_text(shell, decode(shell, format, numbers));
}

}  // namespace sh
