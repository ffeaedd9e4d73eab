// /proc: self, per-process cmdline/environ/cwd/status/fd, the pid listing, read-only-ness and
// /proc/sys/kernel/hostname. Linux fs/proc is the reference.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "unit/kernel/fd/fd_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace secure_exec::flags;

using ProcFsTest = KernelFixture;

ErrorOr<std::string> read_path(ProcessContext& p, std::string_view path) {
    int fd = TRY(p.kernel().open(p.pid(), path, o_rdonly));
    auto text = p.read_all(fd);
    TRY(p.kernel().close(p.pid(), fd));
    return text;
}

std::string nul_joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
        text += part;
        text.push_back('\0');
    }
    return text;
}

bool is_write_refusal(const std::string& error) { return error == "EACCES" || error == "EROFS"; }

TEST_F(ProcFsTest, ProcSelfResolvesToTheCaller) {
    std::string parent_link, child_link, child_status;
    Pid parent_pid = 0, child_pid = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        parent_pid = pid;
        parent_link = CHECK_OK(k.readlink(pid, "/proc/self"));
        child_pid = CHECK_OK(k.spawn(pid, child([&](ProcessContext& c) {
            child_link = CHECK_OK(c.kernel().readlink(c.pid(), "/proc/self"));
            child_status = CHECK_OK(read_path(c, "/proc/self/status"));
            return 0;
        })));
        CHECK_OK(k.waitpid(pid, child_pid));
        // /proc/self/... and /proc/<pid>/... are the same directory.
        EXPECT_EQ(CHECK_OK(k.stat(pid, "/proc/self")).inode,
                  CHECK_OK(k.stat(pid, "/proc/" + std::to_string(pid))).inode);
        EXPECT_EQ(CHECK_OK(k.stat(pid, "/proc/self", false)).type, FileType::symlink);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(parent_link, std::to_string(parent_pid));
    EXPECT_EQ(child_link, std::to_string(child_pid));
    EXPECT_NE(child_status.find("Pid:\t" + std::to_string(child_pid) + "\n"), std::string::npos) << child_status;
}

TEST_F(ProcFsTest, CmdlineIsTheNulSeparatedArgv) {
    std::string seen_by_parent, seen_by_self, expected;
    std::vector<std::string> child_argv;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [gate_r, gate_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child(
            [&](ProcessContext& c) {
                child_argv = c.argv();
                seen_by_self = CHECK_OK(read_path(c, "/proc/self/cmdline"));
                CHECK_OK(c.read_all(0));  // stay alive until the parent has looked
                return 0;
            },
            {"alpha", "beta gamma", ""});
        request.stdin_fd = gate_r;
        expected = nul_joined({"fn", request.args[0], "alpha", "beta gamma", ""});
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        seen_by_parent = CHECK_OK(read_path(p, "/proc/" + std::to_string(child_pid) + "/cmdline"));
        CHECK_OK(k.close(pid, gate_w));
        CHECK_OK(k.waitpid(pid, child_pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(seen_by_parent, expected);
    EXPECT_EQ(seen_by_self, expected);
    EXPECT_EQ(seen_by_self, nul_joined(child_argv));
}

TEST_F(ProcFsTest, EnvironIsTheProcessEnvironment) {
    std::vector<std::string> own, own_expected;
    std::string child_environ;
    SpawnOptions spawn;
    spawn.env = {{"FOO", "bar"}, {"EMPTY", ""}};
    int code = run(
        [&](ProcessContext& p) {
            auto& k = p.kernel();
            Pid pid = p.pid();
            own = split_nul(CHECK_OK(read_path(p, "/proc/" + std::to_string(pid) + "/environ")));
            own_expected = p.environ();
            auto request = child([&](ProcessContext& c) {
                child_environ = CHECK_OK(read_path(c, "/proc/self/environ"));
                return 0;
            });
            request.environ = {"ONLY=this", "X=1"};
            CHECK_OK(k.waitpid(pid, CHECK_OK(k.spawn(pid, request))));
            return 0;
        },
        std::move(spawn));
    EXPECT_EQ(code, 0);
    EXPECT_NE(std::find(own.begin(), own.end(), "FOO=bar"), own.end());
    EXPECT_NE(std::find(own.begin(), own.end(), "EMPTY="), own.end());
    EXPECT_EQ(own, own_expected);
    EXPECT_EQ(child_environ, std::string("ONLY=this") + '\0' + "X=1" + '\0');
}

TEST_F(ProcFsTest, CwdIsALinkToTheWorkingDirectory) {
    std::string before, after, via_self;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        std::string link = "/proc/" + std::to_string(pid) + "/cwd";
        before = CHECK_OK(k.readlink(pid, link));
        CHECK_OK(k.mkdir(pid, "/tmp/work dir"));
        CHECK_OK(k.chdir(pid, "/tmp/work dir"));
        after = CHECK_OK(k.readlink(pid, link));
        via_self = CHECK_OK(k.readlink(pid, "/proc/self/cwd"));
        EXPECT_EQ(CHECK_OK(k.stat(pid, link, false)).type, FileType::symlink);
        // Following it reaches the directory.
        CHECK_OK(make_file(k, pid, "marker", "m"));
        EXPECT_EQ(CHECK_OK(k.stat(pid, "/proc/self/cwd/marker")).size, 1u);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(before, "/home/user");
    EXPECT_EQ(after, "/tmp/work dir");
    EXPECT_EQ(via_self, "/tmp/work dir");
}

TEST_F(ProcFsTest, StatusHasPidAndPpid) {
    std::string status;
    Pid parent_pid = 0, child_pid = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        parent_pid = pid;
        auto [gate_r, gate_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.read_all(0));
            return 0;
        });
        request.stdin_fd = gate_r;
        child_pid = CHECK_OK(k.spawn(pid, request));
        status = CHECK_OK(read_path(p, "/proc/" + std::to_string(child_pid) + "/status"));
        CHECK_OK(k.close(pid, gate_w));
        CHECK_OK(k.waitpid(pid, child_pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_NE(status.find("\nPid:\t" + std::to_string(child_pid) + "\n"), std::string::npos) << status;
    EXPECT_NE(status.find("\nPPid:\t" + std::to_string(parent_pid) + "\n"), std::string::npos) << status;
    EXPECT_EQ(status.rfind("Name:\tfn\n", 0), 0u) << status;
}

TEST_F(ProcFsTest, FdDirectoryListsOpenFds) {
    std::set<std::string> listed, after_close;
    std::string link;
    int a = -1, b = -1, dir = -1;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        a = CHECK_OK(make_file(k, pid, "/tmp/fd_a", "a"));
        b = CHECK_OK(make_file(k, pid, "/tmp/fd_b", "b"));
        std::string path = "/proc/" + std::to_string(pid) + "/fd";
        dir = CHECK_OK(k.open(pid, path, o_rdonly | o_directory));
        listed = entry_names(CHECK_OK(k.read_directory(pid, dir)));
        link = CHECK_OK(k.readlink(pid, path + "/" + std::to_string(b)));
        CHECK_OK(k.close(pid, a));
        after_close = entry_names(CHECK_OK(k.read_directory(pid, dir)));
        return 0;
    });
    EXPECT_EQ(code, 0);
    std::set<std::string> expected{".", "..", "0", "1", "2", std::to_string(a), std::to_string(b), std::to_string(dir)};
    EXPECT_EQ(listed, expected);
    expected.erase(std::to_string(a));
    EXPECT_EQ(after_close, expected);
    EXPECT_EQ(link, "/tmp/fd_b");
}

TEST_F(ProcFsTest, ProcListsLivePids) {
    std::set<std::string> while_alive, after_exit;
    Pid parent_pid = 0, child_pid = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        parent_pid = pid;
        auto [gate_r, gate_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.read_all(0));
            return 0;
        });
        request.stdin_fd = gate_r;
        child_pid = CHECK_OK(k.spawn(pid, request));
        int proc = CHECK_OK(k.open(pid, "/proc", o_rdonly | o_directory));
        while_alive = entry_names(CHECK_OK(k.read_directory(pid, proc)));
        CHECK_OK(k.close(pid, gate_w));
        CHECK_OK(k.waitpid(pid, child_pid));
        after_exit = entry_names(CHECK_OK(k.read_directory(pid, proc)));
        EXPECT_EQ(err(k.stat(pid, "/proc/" + std::to_string(child_pid))), "ENOENT");
        EXPECT_EQ(err(k.open(pid, "/proc/" + std::to_string(child_pid) + "/status", o_rdonly)), "ENOENT");
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(while_alive.count(std::to_string(parent_pid)));
    EXPECT_TRUE(while_alive.count(std::to_string(child_pid)));
    EXPECT_TRUE(while_alive.count("self"));
    EXPECT_TRUE(after_exit.count(std::to_string(parent_pid)));
    EXPECT_FALSE(after_exit.count(std::to_string(child_pid)));
}

void expect_proc_read_only(ProcessContext& p, std::vector<std::string>& failures) {
    auto& k = p.kernel();
    Pid pid = p.pid();
    auto check = [&](const std::string& what, const std::string& error, bool accept_eperm = false) {
        if (!(is_write_refusal(error) || (accept_eperm && error == "EPERM")))
            failures.push_back(what + " -> " + error);
    };
    std::string status = "/proc/" + std::to_string(pid) + "/status";
    check("open status O_WRONLY", err(k.open(pid, status, o_wronly)));
    check("open status O_RDWR", err(k.open(pid, status, o_rdwr)));
    check("open status O_WRONLY|O_TRUNC", err(k.open(pid, status, o_wronly | o_trunc)));
    check("open hostname O_WRONLY", err(k.open(pid, "/proc/sys/kernel/hostname", o_wronly)));
    check("create /proc/newfile", err(k.open(pid, "/proc/newfile", o_wronly | o_creat, 0644)), true);
    check("mkdir /proc/newdir", err(k.mkdir(pid, "/proc/newdir")), true);
    check("unlink status", err(k.unlink(pid, status)), true);
    check("truncate hostname", err(k.truncate(pid, "/proc/sys/kernel/hostname", 0)), true);
    check("symlink in /proc", err(k.symlink(pid, "/tmp", "/proc/link")), true);
    check("rename in /proc", err(k.rename(pid, "/proc/mounts", "/proc/mounts2")), true);
}

TEST_F(ProcFsTest, ProcIsReadOnly) {
    std::vector<std::string> failures;
    std::string status_after, hostname_after;
    int code = run([&](ProcessContext& p) {
        expect_proc_read_only(p, failures);
        auto& k = p.kernel();
        Pid pid = p.pid();
        // Nothing changed.
        EXPECT_EQ(err(k.stat(pid, "/proc/newfile")), "ENOENT");
        EXPECT_EQ(err(k.stat(pid, "/proc/newdir")), "ENOENT");
        EXPECT_EQ(err(k.stat(pid, "/proc/link", false)), "ENOENT");
        status_after = CHECK_OK(read_path(p, "/proc/self/status"));
        hostname_after = CHECK_OK(read_path(p, "/proc/sys/kernel/hostname"));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
    EXPECT_NE(status_after.find("Pid:\t"), std::string::npos);
    EXPECT_EQ(hostname_after, "sandbox\n");
}

TEST_F(ProcFsTest, ProcIsReadOnlyEvenForRoot) {
    options().user = Credentials{0, 0};
    std::vector<std::string> failures;
    std::string hostname_after;
    int code = run([&](ProcessContext& p) {
        EXPECT_TRUE(CHECK_OK(p.kernel().credentials(p.pid())).is_root());
        expect_proc_read_only(p, failures);
        EXPECT_EQ(err(p.kernel().stat(p.pid(), "/proc/newfile")), "ENOENT");
        hostname_after = CHECK_OK(read_path(p, "/proc/sys/kernel/hostname"));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
    EXPECT_EQ(hostname_after, "sandbox\n");
}

TEST_F(ProcFsTest, HostnameIsSandbox) {
    std::string hostname;
    int code = run([&](ProcessContext& p) {
        hostname = CHECK_OK(read_path(p, "/proc/sys/kernel/hostname"));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_NE(hostname.find("sandbox"), std::string::npos);
    EXPECT_EQ(hostname, "sandbox\n");
}

TEST_F(ProcFsTest, HostnameFollowsTheKernelOption) {
    options().hostname = "build-box";
    std::string hostname;
    int code = run([&](ProcessContext& p) {
        hostname = CHECK_OK(read_path(p, "/proc/sys/kernel/hostname"));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(hostname, "build-box\n");
}

}  // namespace
}  // namespace secure_exec::testing
