// applet.h — one toolbox command: a name and a main. The multicall main() dispatches on argv[0].
#pragma once

#include <span>
#include <string_view>

namespace toolbox {

using AppletMain = int (*)(int argc, char** argv);

struct Applet {
    std::string_view name;
    AppletMain main;
};

// Every applet, sorted by name: the table generated from the "// applet: NAME FUNCTION" lines
// of applets/*.cpp (see CMakeLists.txt).
std::span<const Applet> applets();

}  // namespace toolbox
