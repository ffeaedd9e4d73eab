/* Directories: mkdir, a listing long enough to need several fd_readdir calls (through readdir()
 * and paged by hand with cookies), rename, rmdir. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

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

    /* fd_readdir paging by hand: a buffer of a few entries, each call resuming at the d_next of
     * the last whole entry; an entry cut at the end of the buffer comes again in the next page */
    int dir_fd = open(base, O_RDONLY | O_DIRECTORY);
    CHECK(dir_fd >= 0);
    static char seen_paged[COUNT];
    int paged = 0, pages = 0;
    __wasi_dircookie_t cookie = 0;
    uint8_t page[256];
    for (;;) {
        __wasi_size_t used = 0;
        CHECK(__wasi_fd_readdir(dir_fd, page, sizeof page, cookie, &used) == 0);
        ++pages;
        size_t at = 0;
        int whole = 0;
        __wasi_dirent_t header;
        while (at + sizeof header <= used) {
            memcpy(&header, page + at, sizeof header);
            if (at + sizeof header + header.d_namlen > used)
                break;
            char name[256] = {0};
            memcpy(name, page + at + sizeof header, header.d_namlen);
            int number = -1;
            if (sscanf(name, "entry-with-a-rather-long-name-%d", &number) == 1) {
                CHECK(number >= 0 && number < COUNT && !seen_paged[number]);
                seen_paged[number] = 1;
            }
            ++paged;
            ++whole;
            cookie = header.d_next;
            at += sizeof header + header.d_namlen;
        }
        if (used < sizeof page)
            break;
        CHECK(whole > 0);
    }
    CHECK(paged == COUNT + 3 && pages > 10);
    for (int i = 0; i < COUNT; ++i)
        CHECK(seen_paged[i]);
    CHECK(close(dir_fd) == 0);
    OK("readdir_paging");

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
