// Permissions for starting processes and for the environment they get.
#include <algorithm>
#include <mutex>

#include "../proc/proc_support.h"

namespace secure_exec::testing {
namespace {

using KernelPermissions = ProcFixture;

bool has_entry(const std::vector<std::string>& environ, const std::string& entry) {
    return std::find(environ.begin(), environ.end(), entry) != environ.end();
}

bool has_secret(const std::vector<std::string>& environ) {
    for (const auto& entry : environ)
        if (entry.rfind("SECRET", 0) == 0)
            return true;
    return false;
}

TEST_F(KernelPermissions, NoChildProcessCheckerDeniesHostSpawn) {
    options().permissions.child_process = nullptr;
    start();
    auto ran = std::make_shared<std::atomic<bool>>(false);
    std::string id = function([ran](ProcessContext&) {
        *ran = true;
        return 0;
    });
    EXPECT_ERRNO(kernel().spawn("fn", {id}, {}), Errno::eacces);
    EXPECT_ERRNO(kernel().spawn("/bin/fn", {id}, {}), Errno::eacces);
    EXPECT_TRUE(kernel().processes().empty());
    host_sleep_ms(10);
    EXPECT_FALSE(ran->load());
}

TEST_F(KernelPermissions, ChildProcessCheckerDeniesSpawnFromAProcess) {
    options().permissions.child_process = [](const ChildProcessRequest& request) {
        return request.command != "denied";
    };
    auto ran = std::make_shared<std::atomic<bool>>(false);
    add("denied", [ran](ProcessContext&) {
        *ran = true;
        return 0;
    });
    start();
    EXPECT_ERRNO(kernel().spawn("denied", {}, {}), Errno::eacces);
    EXPECT_EQ(run([](ProcessContext& p) {
        SpawnRequest request{.command = "denied"};
        EXPECT_EQ(err(p.kernel().spawn(p.pid(), request)), "EACCES");
        EXPECT_EQ(err(p.kernel().waitpid(p.pid(), -1, flags::wnohang)), "ECHILD");  // nothing was created
        return 0;
    }), 0);
    EXPECT_FALSE(ran->load());
}

TEST_F(KernelPermissions, ChildProcessCheckerSeesCommandAndArguments) {
    struct Seen {
        std::mutex mutex;
        std::vector<std::pair<std::string, std::vector<std::string>>> requests;
    };
    auto seen = std::make_shared<Seen>();
    options().permissions.child_process = [seen](const ChildProcessRequest& request) {
        std::lock_guard lock(seen->mutex);
        seen->requests.emplace_back(std::string(request.command),
                                    std::vector<std::string>(request.args.begin(), request.args.end()));
        return true;
    };
    start();
    std::string id = function([](ProcessContext&) { return 0; });
    EXPECT_EQ(wait_status::shell_code(run_status("fn", {id, "alpha", "beta"})), 0);
    std::lock_guard lock(seen->mutex);
    ASSERT_EQ(seen->requests.size(), 1u);
    EXPECT_EQ(seen->requests[0].first, "fn");
    EXPECT_EQ(seen->requests[0].second, (std::vector<std::string>{id, "alpha", "beta"}));
}

TEST_F(KernelPermissions, EnvCheckerFiltersTheEnvironment) {
    options().env = {{"SECRET_KEY", "k"}, {"PUBLIC", "p"}};
    options().permissions.env = [](const EnvRequest& request) { return !request.name.starts_with("SECRET"); };
    SpawnOptions spawn;
    spawn.env = {{"SECRET_TOKEN", "t"}, {"VISIBLE", "v"}};
    EXPECT_EQ(run([this](ProcessContext& p) {
        const auto& environ = p.environ();
        EXPECT_TRUE(has_entry(environ, "PUBLIC=p"));
        EXPECT_TRUE(has_entry(environ, "VISIBLE=v"));
        EXPECT_FALSE(has_secret(environ));
        auto from_kernel = MUST(p.kernel().environ(p.pid()));
        EXPECT_EQ(from_kernel, environ);
        // A child's explicit environment is filtered too.
        auto request = child([](ProcessContext& c) {
            EXPECT_EQ(c.environ(), (std::vector<std::string>{"OK=1"}));
            return has_secret(c.environ()) ? 1 : 0;
        });
        request.environ = {"SECRET_CHILD=1", "OK=1"};
        Pid pid = MUST(p.kernel().spawn(p.pid(), request));
        EXPECT_EQ(describe_status(MUST(p.kernel().waitpid(p.pid(), pid)).status), exited(0));
        return 0;
    }, spawn), 0);
}

TEST_F(KernelPermissions, EnvCheckerSeesNamesAndValues) {
    options().env = {{"MODE", "allowed"}, {"OTHER", "blocked"}};
    options().permissions.env = [](const EnvRequest& request) { return request.value == "allowed"; };
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_EQ(p.environ(), (std::vector<std::string>{"MODE=allowed"}));
        return 0;
    }), 0);
}

TEST_F(KernelPermissions, NoEnvCheckerPassesNoEnvironment) {
    options().env = {{"PUBLIC", "p"}};
    options().permissions.env = nullptr;
    EXPECT_EQ(run([](ProcessContext& p) {
        EXPECT_TRUE(p.environ().empty());
        return 0;
    }), 0);
}

TEST_F(KernelPermissions, DefaultConstructedPermissionsDenyEverything) {
    Permissions none{};
    std::vector<std::string> args{"x"};
    EXPECT_FALSE(none.allows(FsRequest{FsOperation::read, "/tmp/a"}));
    EXPECT_FALSE(none.allows(FsRequest{FsOperation::stat, "/"}));
    EXPECT_FALSE(none.allows(FsRequest{FsOperation::execute, "/bin/fn"}));
    EXPECT_FALSE(none.allows(NetworkRequest{NetworkOperation::connect, "localhost", 80}));
    EXPECT_FALSE(none.allows(ChildProcessRequest{"fn", args}));
    EXPECT_FALSE(none.allows(EnvRequest{"PATH", "/bin"}));
    Permissions deny = Permissions::deny_all();
    EXPECT_FALSE(deny.allows(ChildProcessRequest{"fn", args}));
    EXPECT_FALSE(deny.allows(FsRequest{FsOperation::write, "/tmp/a"}));

    options().permissions = Permissions{};
    start();
    EXPECT_ERRNO(kernel().spawn("fn", {"0"}, {}), Errno::eacces);
    EXPECT_ERRNO(kernel().write_file("/tmp/denied.txt", "x"), Errno::eacces);
    EXPECT_ERRNO(kernel().mkdir("/tmp/denied"), Errno::eacces);
    EXPECT_TRUE(kernel().processes().empty());
}

TEST_F(KernelPermissions, SandboxAllowsProcessesAndEnvironmentButNotNetwork) {
    Permissions sandbox = Permissions::sandbox();
    std::vector<std::string> args;
    EXPECT_TRUE(sandbox.allows(ChildProcessRequest{"fn", args}));
    EXPECT_TRUE(sandbox.allows(EnvRequest{"HOME", "/home/user"}));
    EXPECT_TRUE(sandbox.allows(FsRequest{FsOperation::write, "/tmp/a"}));
    EXPECT_FALSE(sandbox.allows(NetworkRequest{NetworkOperation::connect, "example.com", 443}));
}

}  // namespace
}  // namespace secure_exec::testing
