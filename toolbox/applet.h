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

// Every applet, defined in applets.cpp's table.
std::span<const Applet> applets();

int true_main(int argc, char** argv);
int false_main(int argc, char** argv);
int echo_main(int argc, char** argv);
int cat_main(int argc, char** argv);

}  // namespace toolbox
