#include "sh/trace.h"

#include <cstdlib>
#include <unistd.h>

#include "sh/interactive/prompt.h"
#include "sh/quote.h"

namespace sh {

namespace {

bool names_utf8(std::string_view locale) {
    for (std::string_view codeset : {"UTF-8", "utf-8", "UTF8", "utf8"})
        if (locale.find(codeset) != std::string_view::npos)
            return true;
    return false;
}

// PS4 decoded and expanded as a prompt. Tracing is off meanwhile (bash shows nothing of what
// PS4 runs), and what the expansion changes ($?, an assignment's substitution status, a failed
// expansion's unwinding) is put back.
std::string expand_ps4(Shell& shell, const std::string& format) {
    if (format.find_first_of("\\$`") == std::string::npos)
        return format;
    Options saved_options = shell.options;
    int saved_status = shell.status, saved_substitution = shell.last_substitution_status;
    Flow saved_flow = shell.flow;
    shell.options.xtrace = false;
    std::string prefix = expand_prompt(shell, format, {});
    shell.options.xtrace = saved_options.xtrace;
    shell.status = saved_status;
    shell.last_substitution_status = saved_substitution;
    shell.flow = saved_flow;
    return prefix;
}

// The first character of the prefix, repeated for the nesting level.
std::string trace_prefix(Shell& shell) {
    auto format = shell.variables.get("PS4");
    if (!format || format->empty())
        return {};
    std::string prefix = expand_ps4(shell, *format);
    if (prefix.empty() || shell.trace_level <= 0)
        return prefix;
    size_t first = 1;
    if (utf8_locale(shell) && static_cast<unsigned char>(prefix[0]) >= 0xc0)
        while (first < prefix.size() && (static_cast<unsigned char>(prefix[first]) & 0xc0) == 0x80)
            ++first;
    std::string repeated;
    for (int i = 0; i < shell.trace_level; ++i)
        repeated.append(prefix, 0, first);
    return repeated + prefix;
}

// BASH_XTRACEFD when it holds a descriptor number, else standard error.
int trace_fd(const Shell& shell) {
    auto value = shell.variables.get("BASH_XTRACEFD");
    if (!value || value->empty())
        return 2;
    char* end = nullptr;
    long fd = std::strtol(value->c_str(), &end, 10);
    return *end == '\0' && fd >= 0 && fd < 1024 ? static_cast<int>(fd) : 2;
}

}  // namespace

bool utf8_locale(const Shell& shell) {
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"})
        if (auto value = shell.variables.get(name); value && !value->empty())
            return names_utf8(*value);
    return false;
}

void trace_line(Shell& shell, std::string_view text) {
    if (!shell.options.xtrace)
        return;
    std::string line = trace_prefix(shell);
    line += text;
    line += '\n';
    (void)::write(trace_fd(shell), line.data(), line.size());
}

void trace_command(Shell& shell, const std::vector<std::string>& argv) {
    if (!shell.options.xtrace)
        return;
    bool utf8 = utf8_locale(shell);
    std::string text;
    for (const auto& argument : argv)
        text += (text.empty() ? "" : " ") + quote_for_trace(argument, utf8);
    trace_line(shell, text);
}

std::string trace_value(const Shell& shell, std::string_view value) {
    return value.empty() ? std::string() : quote_for_trace(value, utf8_locale(shell));
}

}  // namespace sh
