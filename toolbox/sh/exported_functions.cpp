#include "sh/exported_functions.h"

#include "lib/io.h"
#include "sh/function_printer.h"
#include "sh/lang/parser.h"

namespace sh {

namespace {

constexpr std::string_view k_prefix = "BASH_FUNC_";
constexpr std::string_view k_suffix = "%%";

// The function definition that is all of `parsed`, or null.
const FunctionDefinition* only_definition(const std::variant<Program, ParseError>& parsed) {
    auto* program = std::get_if<Program>(&parsed);
    if (!program || program->items.size() != 1 || program->items[0].background ||
        !program->items[0].and_or.rest.empty())
        return nullptr;
    const Pipeline& pipeline = program->items[0].and_or.first;
    if (pipeline.commands.size() != 1 || pipeline.negated || pipeline.timed)
        return nullptr;
    return std::get_if<FunctionDefinition>(&pipeline.commands[0].node);
}

}  // namespace

std::vector<std::string> exported_function_environment(const Shell& shell) {
    std::vector<std::string> entries;
    for (const auto& name : shell.exported_functions) {
        auto function = shell.functions.find(name);
        if (function != shell.functions.end())
            entries.push_back(std::string(k_prefix) + name + std::string(k_suffix) + "=" +
                              function_export_text(*function->second));
    }
    return entries;
}

bool import_function(Shell& shell, std::string_view name, std::string_view value) {
    if (!name.starts_with(k_prefix) || !name.ends_with(k_suffix) || name.size() <= k_prefix.size() + k_suffix.size())
        return false;
    // Only a definition, as bash checks since Shellshock: nothing may run while importing.
    if (!value.starts_with("() {"))
        return false;
    std::string function_name(name.substr(k_prefix.size(), name.size() - k_prefix.size() - k_suffix.size()));
    auto parsed = parse_all(function_name + " " + std::string(value));
    const FunctionDefinition* definition = only_definition(parsed);
    if (!definition || definition->name != function_name) {
        toolbox::write_all(2, shell.name + ": warning: " + function_name + ": ignoring function definition attempt\n" +
                                  shell.name + ": error importing function definition for `" + function_name + "'\n");
        return false;
    }
    shell.functions[function_name] = std::make_shared<const FunctionDefinition>(*definition);
    shell.exported_functions.insert(function_name);
    return true;
}

void remove_function(Shell& shell, const std::string& name) {
    shell.functions.erase(name);
    shell.exported_functions.erase(name);
}

}  // namespace sh
