// The toolbox's entry point: `echo hi` runs as argv[0] "echo" (a command stub or a link named
// after the applet); `toolbox echo hi` works too.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "applet.h"

namespace {

std::string_view base_name(const char* path) {
    std::string_view name(path);
    size_t slash = name.rfind('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

const toolbox::Applet* find_applet(std::string_view name) {
    for (const auto& applet : toolbox::applets())
        if (applet.name == name)
            return &applet;
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    std::string_view name = argc > 0 ? base_name(argv[0]) : "toolbox";
    if (const auto* applet = find_applet(name))
        return applet->main(argc, argv);
    if (argc > 1) {
        if (const auto* applet = find_applet(argv[1]))
            return applet->main(argc - 1, argv + 1);
        std::fprintf(stderr, "toolbox: %s: applet not found\n", argv[1]);
        return 127;
    }
    std::fputs("usage: toolbox APPLET [ARGUMENT]...\napplets:", stderr);
    for (const auto& applet : toolbox::applets())
        std::fprintf(stderr, " %.*s", static_cast<int>(applet.name.size()), applet.name.data());
    std::fputc('\n', stderr);
    return 1;
}
