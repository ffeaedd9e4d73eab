/* Directories: mkdir, a listing long enough to need several fd_readdir calls, rename, rmdir. */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define COUNT 300

int main(void) {
    const char* base = "/tmp/dirs-test";
    CHECK(mkdir(base, 0755) == 0);
    CHECK(mkdir(base, 0755) == -1 && errno == EEXIST);
    struct stat status;
    CHECK(stat(base, &status) == 0 && S_ISDIR(status.st_mode));
    CHECK(mkdir("/tmp/dirs-test/no/such", 0755) == -1 && errno == ENOENT);
    OK("mkdir");

    char path[256];
    for (int i = 0; i < COUNT; ++i) {
        /* long names so the listing is far larger than wasi-libc's 4 KiB readdir buffer */
        snprintf(path, sizeof path, "%s/entry-with-a-rather-long-name-%04d", base, i);
        int fd = open(path, O_WRONLY | O_CREAT, 0644);
        CHECK(fd >= 0);
        CHECK(close(fd) == 0);
    }
    CHECK(mkdir("/tmp/dirs-test/subdir", 0755) == 0);

    static char seen[COUNT];
    int dots = 0, subdirs = 0, total = 0;
    DIR* dir = opendir(base);
    CHECK(dir != NULL);
    struct dirent* entry;
    long middle_cookie = -1;
    char middle_name[256] = {0};
    while ((errno = 0, entry = readdir(dir)) != NULL) {
        ++total;
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) {
            CHECK(entry->d_type == DT_DIR);
            ++dots;
            continue;
        }
        if (strcmp(entry->d_name, "subdir") == 0) {
            CHECK(entry->d_type == DT_DIR);
            ++subdirs;
            continue;
        }
        int number = -1;
        CHECK(sscanf(entry->d_name, "entry-with-a-rather-long-name-%d", &number) == 1);
        CHECK(number >= 0 && number < COUNT && !seen[number]);
        CHECK(entry->d_type == DT_REG);
        CHECK(entry->d_ino != 0);
        seen[number] = 1;
        if (number == COUNT / 2) {
            middle_cookie = telldir(dir);
            CHECK((entry = readdir(dir)) != NULL);
            strcpy(middle_name, entry->d_name);
            ++total;
            if (sscanf(entry->d_name, "entry-with-a-rather-long-name-%d", &number) == 1) {
                CHECK(!seen[number]);
                seen[number] = 1;
            } else {
                ++subdirs;
            }
        }
    }
    CHECK(errno == 0);
    CHECK(dots == 2 && subdirs == 1 && total == COUNT + 3);
    for (int i = 0; i < COUNT; ++i)
        CHECK(seen[i]);
    OK("readdir_many");

    /* seekdir to a cookie from the middle of the listing continues from there */
    CHECK(middle_cookie >= 0);
    seekdir(dir, middle_cookie);
    CHECK((entry = readdir(dir)) != NULL);
    CHECK(strcmp(entry->d_name, middle_name) == 0);
    rewinddir(dir);
    int again = 0;
    while (readdir(dir) != NULL)
        ++again;
    CHECK(again == COUNT + 3);
    CHECK(closedir(dir) == 0);
    OK("seekdir");

    CHECK(rmdir(base) == -1 && errno == ENOTEMPTY);
    CHECK(rename("/tmp/dirs-test/subdir", "/tmp/dirs-test/renamed") == 0);
    CHECK(stat("/tmp/dirs-test/subdir", &status) == -1 && errno == ENOENT);
    CHECK(stat("/tmp/dirs-test/renamed", &status) == 0 && S_ISDIR(status.st_mode));
    CHECK(rename("/tmp/dirs-test/entry-with-a-rather-long-name-0000", "/tmp/dirs-test/file") == 0);
    CHECK(stat("/tmp/dirs-test/file", &status) == 0 && S_ISREG(status.st_mode));
    CHECK(rename("/tmp/dirs-test/missing", "/tmp/dirs-test/x") == -1 && errno == ENOENT);
    OK("rename");

    CHECK(rmdir("/tmp/dirs-test/file") == -1 && errno == ENOTDIR);
    CHECK(unlink("/tmp/dirs-test/renamed") == -1 && (errno == EISDIR || errno == EPERM));
    CHECK(rmdir("/tmp/dirs-test/renamed") == 0);
    CHECK(unlink("/tmp/dirs-test/file") == 0);
    for (int i = 1; i < COUNT; ++i) {
        snprintf(path, sizeof path, "%s/entry-with-a-rather-long-name-%04d", base, i);
        CHECK(unlink(path) == 0);
    }
    CHECK(rmdir(base) == 0);
    CHECK(stat(base, &status) == -1 && errno == ENOENT);
    OK("rmdir");
    return 0;
}
