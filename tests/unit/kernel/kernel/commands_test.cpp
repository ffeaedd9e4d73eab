// Command lookup: the registry, /bin entries, PATH search, program files, shebang scripts.
#include "../proc/proc_support.h"

namespace secure_exec::testing {
namespace {

std::string join(const std::vector<std::string>& parts) {
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i)
        text += (i ? "|" : "") + parts[i];
    return text;
}

class KernelCommands : public ProcFixture {
protected:
    void SetUp() override {
        ProcFixture::SetUp();
        // Prints its argv, '|'-separated.
        add("showargs", [](ProcessContext& p) {
            MUST(p.write_text(1, join(p.argv())));
            return 0;
        });
        add("alpha", [](ProcessContext& p) {
            MUST(p.write_text(1, "alpha"));
            return 10;
        });
        add("beta", [](ProcessContext& p) {
            MUST(p.write_text(1, "beta"));
            return 11;
        });
        add("dup", [](ProcessContext&) { return 1; });
    }

    // Copies /bin/<command> to `path` with `mode`, as an embedder would copy a file.
    void copy_command(const std::string& command, const std::string& path, uint32_t mode = 0755) {
        std::string content = MUST(kernel().read_file("/bin/" + command));
        MUST(kernel().write_file(path, content, mode));
    }

    // One non-recursive mkdir per path, parents first.
    void make_directories(std::initializer_list<const char*> paths) {
        for (const char* path : paths)
            MUST(kernel().mkdir(path));
    }

    // Spawns from the host and returns "<status> <stdout>", or the errno name.
    std::string spawn_result(const std::string& command, std::vector<std::string> args = {},
                             SpawnOptions spawn = {}) {
        auto process = kernel().spawn(command, std::move(args), std::move(spawn));
        if (process.is_error())
            return std::string(errno_name(process.error()));
        process.value()->close_stdin();
        int status = process.value()->wait();
        return describe_status(status) + " " + process.value()->stdout_text();
    }
};

TEST_F(KernelCommands, CommandsMapNamesToTheirDriver) {
    start();
    auto commands = kernel().commands();
    for (const char* name : {"fn", "showargs", "alpha", "beta", "dup"}) {
        ASSERT_TRUE(commands.count(name)) << name;
        EXPECT_EQ(commands.at(name), "test") << name;
    }
    EXPECT_FALSE(commands.count("sh"));
}

TEST_F(KernelCommands, BinEntryExistsForEveryRegisteredCommand) {
    start();
    for (const auto& [name, driver] : kernel().commands()) {
        std::string path = "/bin/" + name;
        EXPECT_TRUE(kernel().exists(path)) << path;
        auto status = kernel().stat(path);
        ASSERT_FALSE(status.is_error()) << path;
        EXPECT_TRUE(status.value().is_regular()) << path;
        EXPECT_NE(status.value().permissions & 0111, 0u) << path << " is not executable";
    }
    EXPECT_FALSE(kernel().exists("/bin/nope"));
}

TEST_F(KernelCommands, LaterMountedDriverWinsAName) {
    start();
    EXPECT_EQ(spawn_result("dup"), exited(1) + " ");
    auto later = std::make_shared<FunctionDriver>("later");
    later->add("dup", [](ProcessContext& p) {
        MUST(p.write_text(1, "later"));
        return 2;
    });
    MUST(kernel().mount(later));
    EXPECT_EQ(kernel().commands().at("dup"), "later");
    EXPECT_EQ(kernel().commands().at("fn"), "test");
    EXPECT_EQ(spawn_result("dup"), exited(2) + " later");
    EXPECT_EQ(spawn_result("/bin/dup"), exited(2) + " later");
    auto info_driver = std::make_shared<std::string>();
    EXPECT_EQ(run([info_driver](ProcessContext& p) {
        Pid pid = MUST(p.kernel().spawn(p.pid(), SpawnRequest{.command = "dup"}));
        *info_driver = MUST(p.kernel().process_info(p.pid(), pid)).driver;
        return wait_status::exit_status(MUST(p.kernel().waitpid(p.pid(), pid)).status);
    }), 2);
    EXPECT_EQ(*info_driver, "later");
}

TEST_F(KernelCommands, SpawnByAbsoluteBinPath) {
    start();
    EXPECT_EQ(spawn_result("/bin/showargs", {"a", "b"}), exited(0) + " /bin/showargs|a|b");
    std::string id = function([](ProcessContext&) { return 6; });
    EXPECT_EQ(spawn_result("/bin/fn", {id}), exited(6) + " ");
}

TEST_F(KernelCommands, SpawnByNameGivesArgvZeroAsTyped) {
    start();
    EXPECT_EQ(spawn_result("showargs", {"x"}), exited(0) + " showargs|x");
}

TEST_F(KernelCommands, UnknownCommandIsEnoent) {
    start();
    EXPECT_EQ(spawn_result("no-such-command"), "ENOENT");
    EXPECT_EQ(spawn_result("/bin/no-such-command"), "ENOENT");
    EXPECT_EQ(spawn_result("/nowhere/showargs"), "ENOENT");
    EXPECT_EQ(spawn_result(""), "ENOENT");
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), SpawnRequest{.command = "no-such-command"})), "ENOENT");
        return 0;
    }), 0);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelCommands, CopiedBinEntryRunsTheSameCommand) {
    start();
    copy_command("showargs", "/tmp/x");
    EXPECT_EQ(spawn_result("/tmp/x", {"1"}), exited(0) + " /tmp/x|1");
    EXPECT_EQ(run([](ProcessContext& p) {
        auto ends = MUST(p.kernel().pipe(p.pid(), flags::o_cloexec));
        SpawnRequest request{.command = "/tmp/x", .args = {"2"}};
        request.stdout_fd = ends.second;
        Pid pid = MUST(p.kernel().spawn(p.pid(), request));
        MUST(p.kernel().close(p.pid(), ends.second));
        std::string out = MUST(p.read_all(ends.first));
        MUST(p.kernel().waitpid(p.pid(), pid));
        EXPECT_EQ(out, "/tmp/x|2");
        return 0;
    }), 0);
}

TEST_F(KernelCommands, RelativeProgramPathResolvesAgainstTheCallersCwd) {
    start();
    copy_command("showargs", "/tmp/rel");
    EXPECT_EQ(run([](ProcessContext& p) {
        auto& k = p.kernel();
        MUST(k.chdir(p.pid(), "/tmp"));
        auto ends = MUST(k.pipe(p.pid(), flags::o_cloexec));
        SpawnRequest request{.command = "./rel"};
        request.stdout_fd = ends.second;
        auto pid = k.spawn(p.pid(), request);
        EXPECT_EQ(err(pid), "OK");
        MUST(k.close(p.pid(), ends.second));
        if (pid.is_error())
            return 1;
        EXPECT_EQ(MUST(p.read_all(ends.first)), "./rel");
        MUST(k.waitpid(p.pid(), pid.value()));
        return 0;
    }), 0);
}

TEST_F(KernelCommands, HostSpawnResolvesARelativeProgramPathInTheChildsCwd) {
    // Like Node's child_process.spawn (libuv changes directory before execvp): a relative
    // command is found in the `cwd` the process is started in.
    start();
    copy_command("showargs", "/tmp/rel");
    SpawnOptions spawn;
    spawn.cwd = "/tmp";
    EXPECT_EQ(spawn_result("./rel", {}, spawn), exited(0) + " ./rel");
}

TEST_F(KernelCommands, HostSpawnResolvesARelativeProgramPathInTheDefaultCwd) {
    // Without SpawnOptions.cwd the process starts in KernelOptions.cwd (/home/user).
    start();
    copy_command("showargs", "/home/user/rel");
    EXPECT_EQ(spawn_result("./rel"), exited(0) + " ./rel");
}

TEST_F(KernelCommands, PathLookupHonoursSpawnEnvPath) {
    start();
    make_directories({"/opt", "/opt/one", "/opt/two"});
    copy_command("alpha", "/opt/one/tool");
    copy_command("beta", "/opt/two/tool");
    SpawnOptions first;
    first.env = {{"PATH", "/opt/one:/opt/two"}};
    EXPECT_EQ(spawn_result("tool", {}, std::move(first)), exited(10) + " alpha");
    SpawnOptions second;
    second.env = {{"PATH", "/opt/two:/opt/one"}};
    EXPECT_EQ(spawn_result("tool", {}, std::move(second)), exited(11) + " beta");
    SpawnOptions neither;
    neither.env = {{"PATH", "/usr/bin"}};
    EXPECT_EQ(spawn_result("tool", {}, std::move(neither)), "ENOENT");
    EXPECT_EQ(spawn_result("tool"), "ENOENT");  // not in the default PATH
    // A process's spawn searches the PATH of the environment it passes.
    EXPECT_EQ(run([](ProcessContext& p) {
        SpawnRequest request{.command = "tool", .environ = {"PATH=/opt/two"}};
        auto pid = p.kernel().spawn(p.pid(), request);
        EXPECT_EQ(err(pid), "OK");
        if (pid.is_error())
            return 1;
        return wait_status::exit_status(MUST(p.kernel().waitpid(p.pid(), pid.value())).status);
    }), 11);
}

TEST_F(KernelCommands, PathSkipsANonExecutableMatchForALaterOne) {
    start();
    make_directories({"/opt", "/opt/one", "/opt/two"});
    copy_command("alpha", "/opt/one/tool", 0644);
    copy_command("beta", "/opt/two/tool");
    SpawnOptions spawn;
    spawn.env = {{"PATH", "/opt/one:/opt/two"}};
    EXPECT_EQ(spawn_result("tool", {}, std::move(spawn)), exited(11) + " beta");
    SpawnOptions only;
    only.env = {{"PATH", "/opt/one"}};
    EXPECT_EQ(spawn_result("tool", {}, std::move(only)), "EACCES");  // execvp reports the EACCES
}

TEST_F(KernelCommands, NonExecutableFileIsEacces) {
    start();
    copy_command("showargs", "/tmp/noexec", 0644);
    EXPECT_EQ(spawn_result("/tmp/noexec"), "EACCES");
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), SpawnRequest{.command = "/tmp/noexec"})), "EACCES");
        return 0;
    }), 0);
}

TEST_F(KernelCommands, ShebangScriptRunsItsInterpreter) {
    start();
    MUST(kernel().write_file("/tmp/script", "#!/bin/showargs arg\nbody\n", 0755));
    EXPECT_EQ(spawn_result("/tmp/script", {"x", "y"}), exited(0) + " /bin/showargs|arg|/tmp/script|x|y");
    MUST(kernel().write_file("/tmp/plain", "#!/bin/showargs\n", 0755));
    EXPECT_EQ(spawn_result("/tmp/plain", {"z"}), exited(0) + " /bin/showargs|/tmp/plain|z");
}

TEST_F(KernelCommands, ShebangScriptFoundThroughPath) {
    start();
    make_directories({"/opt", "/opt/scripts"});
    MUST(kernel().write_file("/opt/scripts/hello", "#!/bin/showargs -v\n", 0755));
    SpawnOptions spawn;
    spawn.env = {{"PATH", "/opt/scripts"}};
    // Linux passes the path execve found (the PATH entry joined with the name) as the script.
    EXPECT_EQ(spawn_result("hello", {"a"}, std::move(spawn)), exited(0) + " /bin/showargs|-v|/opt/scripts/hello|a");
}

TEST_F(KernelCommands, ShebangWithMissingInterpreterIsEnoent) {
    start();
    MUST(kernel().write_file("/tmp/broken", "#!/bin/no-such-interpreter\n", 0755));
    EXPECT_EQ(spawn_result("/tmp/broken"), "ENOENT");
}

TEST_F(KernelCommands, UnknownContentIsEnoexec) {
    start();
    MUST(kernel().write_file("/tmp/blob", "just some text\n", 0755));
    EXPECT_EQ(spawn_result("/tmp/blob"), "ENOEXEC");
    MUST(kernel().write_file("/tmp/empty", "", 0755));
    EXPECT_EQ(spawn_result("/tmp/empty"), "ENOEXEC");
}

TEST_F(KernelCommands, DirectoryIsEacces) {
    start();
    EXPECT_EQ(spawn_result("/tmp"), "EACCES");
    make_directories({"/opt", "/opt/dir", "/opt/dir/tool"});
    SpawnOptions spawn;
    spawn.env = {{"PATH", "/opt/dir"}};
    EXPECT_EQ(spawn_result("tool", {}, std::move(spawn)), "EACCES");
}

}  // namespace
}  // namespace secure_exec::testing
