#include "sh/state_transfer.h"

#include <charconv>
#include <utility>

namespace sh {

namespace {

// Records are length-prefixed strings ("5:hello"), so any byte may appear in a value.
class Writer {
public:
    void put(std::string_view text) {
        m_out += std::to_string(text.size());
        m_out += ':';
        m_out += text;
    }
    void put(int64_t number) { put(std::to_string(number)); }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    std::optional<std::string_view> get() {
        size_t colon = m_in.find(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        size_t length = 0;
        auto [end, error] = std::from_chars(m_in.data(), m_in.data() + colon, length);
        if (error != std::errc{} || end != m_in.data() + colon || length > m_in.size() - colon - 1)
            return std::nullopt;
        auto text = m_in.substr(colon + 1, length);
        m_in.remove_prefix(colon + 1 + length);
        return text;
    }
    std::optional<int64_t> number() {
        auto text = get();
        int64_t value = 0;
        if (!text || std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc{})
            return std::nullopt;
        return value;
    }
    bool done() const { return m_in.empty(); }

private:
    std::string_view m_in;
};

// Every option, by name, in one fixed order.
template <typename Options, typename Visit>
void each_option(Options& options, Visit visit) {
    visit(options.errexit), visit(options.nounset), visit(options.xtrace), visit(options.verbose);
    visit(options.noglob), visit(options.noclobber), visit(options.allexport), visit(options.noexec);
    visit(options.pipefail), visit(options.nullglob), visit(options.failglob), visit(options.dotglob);
    visit(options.extglob), visit(options.globstar), visit(options.nocaseglob), visit(options.nocasematch);
    visit(options.expand_aliases), visit(options.lastpipe), visit(options.patsub_replacement);
    visit(options.errtrace), visit(options.functrace);
}

void put_variable(Writer& out, const std::string& name, const Variable& variable) {
    out.put(name);
    out.put(variable.attributes);
    out.put(variable.value ? 1 : 0);
    out.put(variable.value.value_or(""));
    auto keys = variable.keys();
    auto values = variable.values();
    out.put(variable.is_array() ? static_cast<int64_t>(keys.size()) : 0);
    if (variable.is_array())
        for (size_t i = 0; i < keys.size(); ++i)
            out.put(keys[i]), out.put(values[i]);
}

bool get_variable(Reader& in, Shell& shell) {
    auto name = in.get();
    auto attributes = in.number();
    auto has_value = in.number();
    auto value = in.get();
    auto count = in.number();
    if (!name || !attributes || !has_value || !value || !count)
        return false;
    Variable& variable = shell.variables.declare(*name, false);
    variable.attributes = static_cast<uint16_t>(*attributes);
    if (*has_value)
        variable.value = std::string(*value);
    for (int64_t i = 0; i < *count; ++i) {
        auto key = in.get();
        auto element = in.get();
        if (!key || !element)
            return false;
        uint16_t saved = variable.attributes;
        variable.attributes &= ~(attribute::lowercase | attribute::uppercase);  // already converted
        variable.set_element(*key, std::string(*element));
        variable.attributes = saved;
    }
    return true;
}

}  // namespace

std::string serialize_state(const Shell& shell) {
    Writer out;
    out.put(shell.name);
    out.put(static_cast<int64_t>(shell.positional.size()));
    for (const auto& argument : shell.positional)
        out.put(argument);
    out.put(shell.status);
    out.put(shell.shell_pid);
    out.put(shell.last_background);
    out.put(shell.started_at_seconds);
    out.put(shell.subshell_level + 1);  // the child is a subshell of this one
    out.put(shell.child_line_base);     // where the child's text starts in this shell's source
    out.put(shell.trace_level);
    each_option(shell.options, [&](bool value) { out.put(value ? 1 : 0); });
    auto names = shell.variables.names();
    out.put(static_cast<int64_t>(names.size()));
    for (const auto& name : names)
        put_variable(out, name, *shell.variables.find(name));
    out.put(static_cast<int64_t>(shell.functions.size()));
    for (const auto& [name, function] : shell.functions)
        out.put(function->source);
    out.put(static_cast<int64_t>(shell.exported_functions.size()));
    for (const auto& name : shell.exported_functions)
        out.put(name);
    out.put(static_cast<int64_t>(shell.aliases.size()));
    for (const auto& [name, text] : shell.aliases)
        out.put(name), out.put(text);
    // A subshell keeps ignored signals ignored; other traps are reset, but for the ERR trap under
    // set -E and the DEBUG and RETURN traps under set -T (bash).
    auto inherited = [&](int signal, const std::string& action) {
        if (signal == k_err_trap)
            return shell.options.errtrace;
        if (signal == k_debug_trap || signal == k_return_trap)
            return shell.options.functrace;
        return signal != k_exit_trap && action.empty();
    };
    int64_t kept = 0;
    for (const auto& [signal, action] : shell.traps)
        kept += inherited(signal, action);
    out.put(kept);
    for (const auto& [signal, action] : shell.traps)
        if (inherited(signal, action))
            out.put(signal), out.put(action);
    out.put(static_cast<int64_t>(shell.frames.size()));
    for (const auto& frame : shell.frames) {
        out.put(frame.function);
        out.put(frame.file);
        out.put(static_cast<int64_t>(frame.call_line));
    }
    return out.take();
}

bool restore_state(Shell& shell, std::string_view bytes) {
    Reader in(bytes);
    auto name = in.get();
    auto count = in.number();
    if (!name || !count)
        return false;
    shell.name = std::string(*name);
    shell.positional.clear();
    for (int64_t i = 0; i < *count; ++i) {
        auto argument = in.get();
        if (!argument)
            return false;
        shell.positional.emplace_back(*argument);
    }
    auto status = in.number(), pid = in.number(), background = in.number(), started = in.number();
    auto level = in.number();
    auto line_base = in.number();
    auto trace_level = in.number();
    if (!status || !pid || !background || !started || !level || !line_base || !trace_level)
        return false;
    shell.trace_level = static_cast<int>(*trace_level);
    shell.line_base = static_cast<uint32_t>(*line_base);
    shell.subshell_level = static_cast<int>(*level);
    shell.status = static_cast<int>(*status);
    shell.shell_pid = static_cast<int>(*pid);
    shell.last_background = static_cast<int>(*background);
    shell.started_at_seconds = *started;
    bool ok = true;
    each_option(shell.options, [&](bool& value) {
        auto flag = in.number();
        ok = ok && flag.has_value();
        value = flag.value_or(0) != 0;
    });
    auto variables = in.number();
    if (!ok || !variables)
        return false;
    // The parent's variables are all here: one it unset (PS4, IFS) is not the child's default.
    for (const auto& existing : shell.variables.names())
        (void)shell.variables.unset(existing);
    for (int64_t i = 0; i < *variables; ++i)
        if (!get_variable(in, shell))
            return false;
    auto functions = in.number();
    if (!functions)
        return false;
    bool verbose = std::exchange(shell.options.verbose, false);  // set -v: nothing is read here
    for (int64_t i = 0; i < *functions; ++i) {
        auto source = in.get();
        if (!source)
            return false;
        (void)shell.run_source(*source);  // defines it
    }
    auto exported = in.number();
    if (!exported)
        return false;
    for (int64_t i = 0; i < *exported; ++i) {
        auto exported_name = in.get();
        if (!exported_name)
            return false;
        shell.exported_functions.insert(std::string(*exported_name));
    }
    shell.options.verbose = verbose;
    auto aliases = in.number();
    if (!aliases)
        return false;
    for (int64_t i = 0; i < *aliases; ++i) {
        auto alias_name = in.get(), text = in.get();
        if (!alias_name || !text)
            return false;
        shell.aliases[std::string(*alias_name)] = std::string(*text);
    }
    auto kept = in.number();
    if (!kept)
        return false;
    for (int64_t i = 0; i < *kept; ++i) {
        auto signal = in.number();
        auto action = in.get();
        if (!signal || !action)
            return false;
        shell.traps[static_cast<int>(*signal)] = std::string(*action);
    }
    auto depth = in.number();
    if (!depth)
        return false;
    for (int64_t i = 0; i < *depth; ++i) {
        auto function = in.get();
        auto file = in.get();
        auto call_line = in.number();
        if (!function || !file || !call_line)
            return false;
        shell.frames.push_back(CallFrame{std::string(*function), std::string(*file), static_cast<uint32_t>(*call_line)});
    }
    shell.status = static_cast<int>(*status);  // defining the functions reset it
    return in.done();
}

}  // namespace sh
