/* A tiny self-checking harness: CHECK prints what failed and exits 1; OK prints "ok NAME". */
#pragma once
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                                  \
    do {                                                                                             \
        if (!(cond)) {                                                                               \
            printf("FAIL %s:%d: %s (errno %d: %s)\n", __FILE__, __LINE__, #cond, errno, strerror(errno)); \
            fflush(stdout);                                                                          \
            exit(1);                                                                                 \
        }                                                                                            \
    } while (0)
#define OK(name)                  \
    do {                          \
        printf("ok %s\n", name); \
        fflush(stdout);           \
    } while (0)
