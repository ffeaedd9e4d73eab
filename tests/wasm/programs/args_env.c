/* argv and environ as the test passes them: argv[2..] are "NAME=value" pairs that must each be in
 * the environment (which also holds the kernel's base variables). */
#include <unistd.h>

#include "check.h"

extern char** environ;

int main(int argc, char** argv) {
    CHECK(argc >= 2);
    CHECK(strstr(argv[0], "args_env") != NULL);
    CHECK(strcmp(argv[1], "--") == 0);
    OK("argv0");

    for (int i = 2; i < argc; ++i) {
        int found = 0;
        for (char** entry = environ; *entry; ++entry)
            found += strcmp(*entry, argv[i]) == 0;
        CHECK(found == 1);
    }
    OK("environ");

    CHECK(getenv("GREETING") != NULL && strcmp(getenv("GREETING"), "hello world") == 0);
    CHECK(getenv("EMPTY") != NULL && getenv("EMPTY")[0] == '\0');
    CHECK(getenv("MISSING") == NULL);
    OK("getenv");

    CHECK(argc == 5);
    OK("argc");
    return 0;
}
