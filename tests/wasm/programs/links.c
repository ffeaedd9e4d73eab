/* Links: symlink, readlink (and its truncation), lstat vs stat, hard links. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

int main(void) {
    CHECK(mkdir("/tmp/links-test", 0755) == 0);
    int fd = open("/tmp/links-test/target", O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "data", 4) == 4);
    CHECK(close(fd) == 0);

    CHECK(symlink("target", "/tmp/links-test/relative") == 0);
    CHECK(symlink("/tmp/links-test/target", "/tmp/links-test/absolute") == 0);
    CHECK(symlink("nowhere", "/tmp/links-test/dangling") == 0);
    CHECK(symlink("x", "/tmp/links-test/relative") == -1 && errno == EEXIST);
    OK("symlink");

    char buffer[64];
    ssize_t length = readlink("/tmp/links-test/relative", buffer, sizeof buffer);
    CHECK(length == 6 && memcmp(buffer, "target", 6) == 0);
    length = readlink("/tmp/links-test/absolute", buffer, sizeof buffer);
    CHECK(length == 22 && memcmp(buffer, "/tmp/links-test/target", 22) == 0);
    memset(buffer, '#', sizeof buffer);
    length = readlink("/tmp/links-test/absolute", buffer, 4);
    CHECK(length == 4 && memcmp(buffer, "/tmp#", 5) == 0);
    CHECK(readlink("/tmp/links-test/target", buffer, sizeof buffer) == -1 && errno == EINVAL);
    CHECK(readlink("/tmp/links-test/missing", buffer, sizeof buffer) == -1 && errno == ENOENT);
    OK("readlink");

    struct stat status, link_status;
    CHECK(stat("/tmp/links-test/relative", &status) == 0 && S_ISREG(status.st_mode) && status.st_size == 4);
    CHECK(lstat("/tmp/links-test/relative", &link_status) == 0 && S_ISLNK(link_status.st_mode));
    CHECK(link_status.st_size == 6);
    CHECK(link_status.st_ino != status.st_ino);
    CHECK(stat("/tmp/links-test/dangling", &status) == -1 && errno == ENOENT);
    CHECK(lstat("/tmp/links-test/dangling", &status) == 0 && S_ISLNK(status.st_mode));
    fd = open("/tmp/links-test/relative", O_RDONLY);
    CHECK(fd >= 0);
    CHECK(read(fd, buffer, sizeof buffer) == 4 && memcmp(buffer, "data", 4) == 0);
    CHECK(close(fd) == 0);
    CHECK(open("/tmp/links-test/relative", O_RDONLY | O_NOFOLLOW) == -1 && errno == ELOOP);
    OK("lstat");

    struct stat target_status;
    CHECK(stat("/tmp/links-test/target", &target_status) == 0 && target_status.st_nlink == 1);
    CHECK(link("/tmp/links-test/target", "/tmp/links-test/hard") == 0);
    CHECK(stat("/tmp/links-test/hard", &status) == 0);
    CHECK(status.st_ino == target_status.st_ino && status.st_nlink == 2);
    CHECK(link("/tmp/links-test/target", "/tmp/links-test/hard") == -1 && errno == EEXIST);
    CHECK(link("/tmp/links-test/missing", "/tmp/links-test/hard2") == -1 && errno == ENOENT);
    /* link() does not follow: the new name is a second symlink */
    CHECK(link("/tmp/links-test/relative", "/tmp/links-test/hard-symlink") == 0);
    CHECK(lstat("/tmp/links-test/hard-symlink", &status) == 0 && S_ISLNK(status.st_mode));
    /* linkat(AT_SYMLINK_FOLLOW) links the target */
    CHECK(linkat(AT_FDCWD, "/tmp/links-test/absolute", AT_FDCWD, "/tmp/links-test/followed", AT_SYMLINK_FOLLOW) == 0);
    CHECK(lstat("/tmp/links-test/followed", &status) == 0 && S_ISREG(status.st_mode));
    CHECK(status.st_ino == target_status.st_ino && status.st_nlink == 3);
    OK("link");

    const char* names[] = {"relative", "absolute", "dangling", "hard", "hard-symlink", "followed", "target"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
        snprintf(path, sizeof path, "/tmp/links-test/%s", names[i]);
        CHECK(unlink(path) == 0);
    }
    CHECK(rmdir("/tmp/links-test") == 0);
    OK("cleanup");
    return 0;
}
