// KernelInterface::poll, Linux poll(2) over several descriptors: readiness found at once, sleeping
// until another process writes, POLLHUP/POLLERR when the other end goes away, a full pipe
// becoming writable, both ends of a PTY, timeouts, EINTR for a handled signal, a killed poller,
// POLLNVAL, and many rounds without a lost wake-up. Linux fs/select.c is the reference.
//
// The terminal suites' fixture is used for its watchdog: a lost wake-up hangs a poller forever,
// and the watchdog turns that into an abort that names the test.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "unit/kernel/tty/tty_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace tty;
using namespace secure_exec::poll_events;

constexpr uint64_t k_ms = 1'000'000;

long long us_since(Clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - since).count();
}

class PollTest : public TtyFixture {
protected:
    // A child that sleeps `delay_ms`, then writes `text` to its stdout, `stdout_fd`.
    SpawnRequest late_writer(int stdout_fd, std::string text, int delay_ms = 50) {
        auto request = child([text, delay_ms](ProcessContext& c) {
            CHECK_OK(c.kernel().sleep(c.pid(), static_cast<uint64_t>(delay_ms) * k_ms));
            CHECK_OK(c.write_text(1, text));
            return 0;
        });
        request.stdout_fd = stdout_fd;
        return request;
    }
};

TEST_F(PollTest, ReadyDescriptorsAreReportedAtOnce) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto [empty_r, empty_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        int file = CHECK_OK(make_file(k, pid, "/tmp/poll-file", "data"));
        int null = CHECK_OK(k.open(pid, "/dev/null", o_rdwr));
        CHECK_OK(k.write(pid, w, as_bytes("x")));
        std::vector<PollFd> fds = {{r, pollin, 7},          {w, pollout, 0},   {empty_r, pollin, 0},
                                   {file, pollin | pollout, 0}, {null, pollin | pollout, 0}, {-1, pollin, 9}};
        // No timeout at all: ready entries end the call without sleeping.
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, std::nullopt)), 4u);
        EXPECT_EQ(fds[0].revents, pollin);
        EXPECT_EQ(fds[1].revents, pollout);
        EXPECT_EQ(fds[2].revents, 0);
        EXPECT_EQ(fds[3].revents, pollin | pollout);  // regular files are always ready
        EXPECT_EQ(fds[4].revents, pollin | pollout);
        EXPECT_EQ(fds[5].revents, 0);  // a negative fd is skipped
        // Only what was asked for, besides POLLERR and POLLHUP.
        std::vector<PollFd> narrow = {{file, pollout, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, narrow, 0)), 1u);
        EXPECT_EQ(narrow[0].revents, pollout);
        // Timeout 0 only checks.
        std::vector<PollFd> nothing = {{empty_r, pollin, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, nothing, 0)), 0u);
        EXPECT_EQ(nothing[0].revents, 0);
        // The write end of a pipe without readers reports POLLERR even when only POLLOUT is asked.
        CHECK_OK(k.close(pid, empty_r));
        std::vector<PollFd> broken = {{empty_w, pollout, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, broken, 0)), 1u);
        EXPECT_EQ(broken[0].revents, pollerr);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, SleepsUntilAnotherProcessWrites) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [idle_r, idle_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto started = Clock::now();
        Pid writer = CHECK_OK(k.spawn(pid, late_writer(w, "late")));
        std::vector<PollFd> fds = {{idle_r, pollin, 0}, {r, pollin, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, std::nullopt)), 1u);
        EXPECT_GE(ms_since(started), 40);
        EXPECT_EQ(fds[0].revents, 0);
        EXPECT_EQ(fds[1].revents, pollin);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 16)), "late");
        EXPECT_EQ(wait_child(k, pid, writer), exited_text(0));
        (void)idle_w;
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, LastWriterClosingGivesPollhup) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        // The child holds the only write end and exits after a while, writing nothing.
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.kernel().sleep(c.pid(), 50 * k_ms));
            return 0;
        });
        request.stdout_fd = w;
        Pid writer = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, w));
        std::vector<PollFd> fds = {{r, pollin, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, std::nullopt)), 1u);
        EXPECT_TRUE(fds[0].revents & pollhup) << fds[0].revents;
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 16)), "");  // EOF
        EXPECT_EQ(wait_child(k, pid, writer), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, FullPipeBecomesWritableWhenAReaderDrainsIt) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        CHECK_OK(k.fcntl(pid, w, f_setfl, o_nonblock));
        std::string block(4096, 'x');
        while (!k.write(pid, w, as_bytes(block)).is_error()) {
        }
        std::vector<PollFd> fds = {{w, pollout, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, 0)), 0u);
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.kernel().sleep(c.pid(), 50 * k_ms));
            CHECK_OK(read_some(c.kernel(), c.pid(), 0, 8192));
            return 0;
        });
        request.stdin_fd = r;
        auto started = Clock::now();
        Pid reader = CHECK_OK(k.spawn(pid, request));
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, std::nullopt)), 1u);
        EXPECT_GE(ms_since(started), 40);
        EXPECT_EQ(fds[0].revents, pollout);
        EXPECT_EQ(CHECK_OK(k.write(pid, w, as_bytes(block))), block.size());
        EXPECT_EQ(wait_child(k, pid, reader), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, PtyEndsWakeForALineOutputAndHangup) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, [&] {
            Termios settings = k.tcgetattr(pid, pair.replica).value();
            settings.lflag &= ~termios_flags::echo;  // so the master reads only what the replica writes
            return settings;
        }()));
        std::vector<PollFd> both = {{pair.replica, pollin, 0}, {pair.master, pollin | pollout, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, both, 0)), 1u);
        EXPECT_EQ(both[0].revents, 0);
        EXPECT_EQ(both[1].revents, pollout);  // room for input, nothing to read

        // The replica is not readable until a whole line is in (canonical mode).
        CHECK_OK(k.write(pid, pair.master, as_bytes("par")));
        std::vector<PollFd> replica = {{pair.replica, pollin, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, replica, 0)), 0u);
        Pid typist = CHECK_OK(k.spawn(pid, late_writer(pair.master, "tial\n")));
        EXPECT_EQ(CHECK_OK(k.poll(pid, replica, std::nullopt)), 1u);
        EXPECT_EQ(replica[0].revents, pollin);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "partial\n");
        EXPECT_EQ(wait_child(k, pid, typist), exited_text(0));

        // The master wakes for output the replica side writes.
        std::vector<PollFd> master = {{pair.master, pollin, 0}};
        Pid printer = CHECK_OK(k.spawn(pid, late_writer(pair.replica, "out")));
        EXPECT_EQ(CHECK_OK(k.poll(pid, master, std::nullopt)), 1u);
        EXPECT_EQ(master[0].revents, pollin);
        EXPECT_EQ(read_bytes(k, pid, pair.master, 3), "out");
        EXPECT_EQ(wait_child(k, pid, printer), exited_text(0));

        // Closing the master hangs up the replica.
        CHECK_OK(k.close(pid, pair.master));
        EXPECT_EQ(CHECK_OK(k.poll(pid, replica, 0)), 1u);
        EXPECT_TRUE(replica[0].revents & pollhup) << replica[0].revents;
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, MasterGetsPollhupWhenTheLastReplicaCloses) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.kernel().sleep(c.pid(), 50 * k_ms));
            return 0;
        });
        request.stdin_fd = pair.replica;
        Pid holder = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, pair.replica));
        std::vector<PollFd> master = {{pair.master, pollin, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, master, std::nullopt)), 1u);
        EXPECT_TRUE(master[0].revents & pollhup) << master[0].revents;
        EXPECT_EQ(wait_child(k, pid, holder), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, TimeoutExpiresWithNothingReady) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        std::vector<PollFd> fds = {{r, pollin, 0}, {w, pollin, 0}};
        auto started = Clock::now();
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, 30 * k_ms)), 0u);
        EXPECT_GE(us_since(started), 30'000);  // never early; how late is the scheduler's business
        EXPECT_EQ(fds[0].revents, 0);
        EXPECT_EQ(fds[1].revents, 0);
        // An empty set with a timeout is a sleep.
        started = Clock::now();
        EXPECT_EQ(CHECK_OK(k.poll(pid, {}, 10 * k_ms)), 0u);
        EXPECT_GE(us_since(started), 10'000);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, HandledSignalEndsThePollWithEintr) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        CHECK_OK(k.sigaction(pid, signals::sigusr1, handle_signal()));
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));  // we keep the write end: only a signal ends it
        Pid sender = CHECK_OK(k.spawn(pid, child([pid](ProcessContext& c) {
            CHECK_OK(c.kernel().sleep(c.pid(), 50 * k_ms));
            CHECK_OK(c.kernel().kill(c.pid(), pid, signals::sigusr1));
            return 0;
        })));
        std::vector<PollFd> fds = {{r, pollin, 0}};
        auto started = Clock::now();
        EXPECT_EQ(err(k.poll(pid, fds, std::nullopt)), "EINTR");
        EXPECT_GE(ms_since(started), 40);
        auto taken = CHECK_OK(k.take_signal(pid));
        EXPECT_EQ(taken ? taken->signal : 0, signals::sigusr1);
        // With the signal handled, polling works again.
        CHECK_OK(k.write(pid, w, as_bytes("x")));
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, std::nullopt)), 1u);
        EXPECT_EQ(wait_child(k, pid, sender), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PollTest, KilledPollerReturnsAndDies) {
    start();
    auto result = std::make_shared<std::atomic<int>>(0);
    auto polling = std::make_shared<std::atomic<bool>>(false);
    auto process = MUST(kernel().spawn("fn", {function([result, polling](ProcessContext& p) {
        std::vector<PollFd> fds = {{0, pollin, 0}};  // the host keeps stdin open and silent
        *polling = true;
        auto polled = p.kernel().poll(p.pid(), fds, std::nullopt);
        *result = polled.is_error() ? to_linux(polled.error()) : -1;
        return 0;
    })}, {}));
    ASSERT_TRUE(wait_until([&] { return polling->load(); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let it block
    MUST(process->kill(signals::sigterm));
    auto status = process->wait_for(10000);
    ASSERT_TRUE(status.has_value()) << "the poll was not interrupted";
    EXPECT_EQ(status_text(*status), signaled_text(signals::sigterm));
    EXPECT_EQ(result->load(), to_linux(Errno::eintr));
}

TEST_F(PollTest, DescriptorsThatAreNotOpenGetPollnval) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        CHECK_OK(k.close(pid, w));
        // POLLNVAL counts as ready: no wait, even without a timeout.
        std::vector<PollFd> fds = {{42, pollin, 0}, {r, pollin, 0}, {-5, pollin, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, fds, std::nullopt)), 2u);
        EXPECT_EQ(fds[0].revents, pollnval);
        EXPECT_TRUE(fds[1].revents & pollhup);
        EXPECT_EQ(fds[2].revents, 0);
        CHECK_OK(k.close(pid, r));
        std::vector<PollFd> closed = {{r, 0, 0}};
        EXPECT_EQ(CHECK_OK(k.poll(pid, closed, std::nullopt)), 1u);
        EXPECT_EQ(closed[0].revents, pollnval);
        // More entries than the descriptor limit: EINVAL, as Linux past RLIMIT_NOFILE.
        std::vector<PollFd> too_many(KernelLimits{}.max_fds_per_process + 1, PollFd{-1, pollin, 0});
        EXPECT_EQ(err(k.poll(pid, too_many, 0)), "EINVAL");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

// Two writers feed two pipes one byte at a time while the parent polls both and reads whatever
// is ready. A lost wake-up leaves the parent asleep with data waiting: its 10 s timeout fires.
TEST_F(PollTest, ManyRoundsLoseNoWakeUp) {
    constexpr int k_bytes_each = 500;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        std::vector<PollFd> fds;
        std::vector<Pid> writers;
        for (int i = 0; i < 2; ++i) {
            auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
            auto request = child([](ProcessContext& c) {
                for (int n = 0; n < k_bytes_each; ++n) {
                    CHECK_OK(c.write_text(1, "b"));
                    if (n % 5 == 0)  // now and then the poller gets to sleep
                        CHECK_OK(c.kernel().sleep(c.pid(), 50'000));
                }
                return 0;
            });
            request.stdout_fd = w;
            writers.push_back(CHECK_OK(k.spawn(pid, request)));
            CHECK_OK(k.close(pid, w));
            fds.push_back({r, pollin, 0});
        }
        int received = 0, hangups = 0;
        while (hangups < 2) {
            size_t ready = CHECK_OK(k.poll(pid, fds, 10'000 * k_ms));
            EXPECT_GT(ready, 0u) << "timed out with " << received << " bytes received";
            if (ready == 0)
                break;
            for (auto& entry : fds) {
                if (entry.fd < 0 || entry.revents == 0)
                    continue;
                std::string got = CHECK_OK(read_some(k, pid, entry.fd, 4096));
                received += static_cast<int>(got.size());
                if (got.empty()) {  // EOF: stop watching it
                    ++hangups;
                    entry.fd = -1;
                }
            }
        }
        EXPECT_EQ(received, 2 * k_bytes_each);
        for (Pid writer : writers)
            EXPECT_EQ(wait_child(k, pid, writer), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

}  // namespace
}  // namespace secure_exec::testing
