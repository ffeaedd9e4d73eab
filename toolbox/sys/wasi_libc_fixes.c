/* Workarounds for bugs in Debian 12's wasi-libc (git 2022-05-10), linked in with --wrap.
 *
 * linkat: with chdir linked in (as this library does), wasi-libc's __wasilibc_link resolves both
 * paths into one static buffer, so linkat(AT_FDCWD, old, AT_FDCWD, new, flags) links new to
 * itself (ENOENT). Passing the new path relative to an open "/" takes the one-path route. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __real_linkat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path, int flags);

static char* absolute(const char* path) {
    if (path[0] == '/')
        return strdup(path);
    char* cwd = getcwd(NULL, 0);
    if (!cwd)
        return NULL;
    size_t length = strlen(cwd) + 1 + strlen(path) + 1;
    char* joined = malloc(length);
    if (joined) {
        strcpy(joined, cwd);
        strcat(joined, "/");
        strcat(joined, path);
    }
    free(cwd);
    return joined;
}

int __wrap_linkat(int old_dirfd, const char* old_path, int new_dirfd, const char* new_path, int flags) {
    int old_is_cwd = old_dirfd == AT_FDCWD || old_path[0] == '/';
    int new_is_cwd = new_dirfd == AT_FDCWD || new_path[0] == '/';
    if (!old_is_cwd || !new_is_cwd)
        return __real_linkat(old_dirfd, old_path, new_dirfd, new_path, flags);
    char* full = absolute(new_path);
    if (!full)
        return -1;
    int root = open("/", O_RDONLY | O_DIRECTORY);
    int result = -1;
    if (root >= 0) {
        const char* relative = full + strspn(full, "/");
        result = __real_linkat(old_dirfd, old_path, root, *relative ? relative : ".", flags);
        int saved = errno;
        close(root);
        errno = saved;
    }
    free(full);
    return result;
}
