// true, false: exit 0 and 1, ignoring every argument (GNU prints help only for a lone --help).
// applet: true true_main
// applet: false false_main
#include <cstdio>
#include <cstring>

#include "applet.h"

namespace toolbox {

namespace {
int run(int argc, char** argv, int code, const char* name) {
    if (argc == 2 && std::strcmp(argv[1], "--help") == 0) {
        std::printf("Usage: %s [ignored command line arguments]\nExit with a status code indicating %s.\n", name,
                    code == 0 ? "success" : "failure");
        return code;
    }
    return code;
}
}  // namespace

int true_main(int argc, char** argv) { return run(argc, argv, 0, "true"); }
int false_main(int argc, char** argv) { return run(argc, argv, 1, "false"); }

}  // namespace toolbox
