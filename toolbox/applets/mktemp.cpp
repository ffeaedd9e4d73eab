// mktemp, as GNU coreutils: a new file (mode 0600) or directory (-d, 0700) named after a
// template whose run of at least three X's becomes random letters and digits (tmp.XXXXXXXXXX
// in $TMPDIR or /tmp by default); --suffix, -p/--tmpdir, -t, -u (name only), -q.
// applet: mktemp mktemp_main
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include <sx/posix.h>

#include "lib/gnu_errors.h"
#include "lib/io.h"
#include "lib/options.h"
#include "lib/paths.h"
#include "lib/quoting.h"

namespace toolbox {

namespace {

constexpr std::string_view k_usage =
    "Usage: mktemp [OPTION]... [TEMPLATE]\n"
    "Create a temporary file or directory, safely, and print its name.\n"
    "TEMPLATE must contain at least 3 consecutive 'X's in last component.\n"
    "If TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.\n"
    "Files are created u+rw, and directories u+rwx, minus umask restrictions.\n"
    "\n"
    "  -d, --directory     create a directory, not a file\n"
    "  -u, --dry-run       do not create anything; merely print a name (unsafe)\n"
    "  -q, --quiet         suppress diagnostics about file/dir-creation failure\n"
    "      --suffix=SUFF   append SUFF to TEMPLATE; SUFF must not contain a slash.\n"
    "                        This option is implied if TEMPLATE does not end in X\n"
    "  -p DIR, --tmpdir[=DIR]  interpret TEMPLATE relative to DIR; if DIR is not\n"
    "                        specified, use $TMPDIR if set, else /tmp.  With\n"
    "                        this option, TEMPLATE must not be an absolute name;\n"
    "                        unlike with -t, TEMPLATE may contain slashes, but\n"
    "                        mktemp creates only the final component\n"
    "  -t                  interpret TEMPLATE as a single file name component,\n"
    "                        relative to a directory: $TMPDIR, if set; else the\n"
    "                        directory specified via -p; else /tmp [deprecated]\n"
    "      --help        display this help and exit\n"
    "      --version     output version information and exit\n";

enum LongId { k_suffix = k_long_only, k_tmpdir };

constexpr LongOption k_long_options[] = {
    {"directory", Argument::none, 'd'},
    {"quiet", Argument::none, 'q'},
    {"dry-run", Argument::none, 'u'},
    {"suffix", Argument::required, k_suffix},
    {"tmpdir", Argument::optional, k_tmpdir},
    {"help", Argument::none, k_help},
    {"version", Argument::none, k_version},
};

constexpr std::string_view k_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

void fail(const std::string& message) { write_all(2, "mktemp: " + message + "\n"); }

}  // namespace

int mktemp_main(int argc, char** argv) {
    bool directory = false, quiet = false, dry_run = false, use_tmpdir = false, deprecated_t = false;
    const char* suffix = nullptr;
    const char* tmpdir = nullptr;
    OptionParser parser("mktemp", argc, argv, "dp:qtuV", k_long_options);
    while (auto option = parser.next()) {
        switch (option.id) {
        case k_error: return 1;
        case k_help: return print_usage(k_usage);
        case k_version:
        case 'V': return print_version("mktemp");
        case 'd': directory = true; break;
        case 'q': quiet = true; break;
        case 'u': dry_run = true; break;
        case 't': deprecated_t = true; use_tmpdir = true; break;
        case 'p': tmpdir = option.argument; use_tmpdir = true; break;
        case k_tmpdir: tmpdir = option.argument; use_tmpdir = true; break;
        case k_suffix: suffix = option.argument; break;
        }
    }
    const auto& operands = parser.operands();
    if (operands.size() > 1) {
        fail("too many templates");
        return try_help("mktemp");
    }
    std::string template_text;
    if (operands.empty()) {
        template_text = "tmp.XXXXXXXXXX";
        use_tmpdir = true;
    } else {
        template_text = std::string(operands[0]);
    }
    std::string suffix_text;
    if (suffix) {
        suffix_text = suffix;
        if (suffix_text.find('/') != std::string::npos) {
            fail("invalid suffix " + quote(suffix_text) + ", contains directory separator");
            return 1;
        }
        if (template_text.empty() || template_text.back() != 'X') {
            fail("with --suffix, template " + quote(template_text) + " must end in X");
            return 1;
        }
    } else {
        // Without --suffix, whatever follows the last X is the suffix.
        size_t last_x = template_text.rfind('X');
        if (last_x != std::string::npos) {
            suffix_text = template_text.substr(last_x + 1);
            template_text.resize(last_x + 1);
        }
    }
    if (use_tmpdir) {
        const char* environment = std::getenv("TMPDIR");
        std::string base = deprecated_t ? (environment && *environment ? environment : tmpdir ? tmpdir : "/tmp")
                                         : (tmpdir && *tmpdir ? tmpdir : environment && *environment ? environment : "/tmp");
        if (deprecated_t && template_text.find('/') != std::string::npos) {
            fail("invalid template, " + quote(template_text) + ", contains directory separator");
            return 1;
        }
        if (!template_text.empty() && template_text[0] == '/') {
            fail("invalid template, " + quote(template_text) + "; with --tmpdir, it may not be absolute");
            return 1;
        }
        template_text = join_path(base, template_text);
    }
    size_t x_count = 0;
    while (x_count < template_text.size() && template_text[template_text.size() - 1 - x_count] == 'X')
        ++x_count;
    if (x_count < 3) {
        fail("too few X's in template " + quote(template_text + suffix_text));
        return 1;
    }
    std::string name;
    int error = EEXIST;
    for (int attempt = 0; attempt < 100 && error == EEXIST; ++attempt) {
        name = template_text;
        for (size_t i = name.size() - x_count; i < name.size(); ++i) {
            uint32_t random = 0;
            (void)::getentropy(&random, sizeof random);
            name[i] = k_letters[random % k_letters.size()];
        }
        name += suffix_text;
        if (dry_run) {
            struct stat status {};
            error = ::lstat(name.c_str(), &status) == 0 ? EEXIST : 0;
            continue;
        }
        if (directory) {
            error = ::mkdir(name.c_str(), 0700) == 0 ? 0 : errno;
        } else {
            int fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600);
            error = fd >= 0 ? 0 : errno;
            if (fd >= 0)
                ::close(fd);
        }
    }
    if (error != 0) {
        if (!quiet)
            fail(std::string("failed to create ") + (directory ? "directory" : "file") + " via template " +
                 quote(template_text + suffix_text) + ": " + strerror_gnu(error));
        return 1;
    }
    return write_all(1, name + "\n") ? 0 : 1;
}

}  // namespace toolbox
