// Pseudo-terminal pairs: openpty and /dev/ptmx + /dev/pts/N, the canonical round trip with echo
// and ONLCR, isatty, /dev/pts listing, hangup in both directions (master close: EOF, EIO, SIGHUP
// to the foreground group; replica close: the rest of the output, then EIO), and bounded queues
// that block writers without dropping bytes. Linux drivers/tty/pty.c and n_tty.c are the reference.
#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "unit/kernel/tty/tty_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace tty;

using PtyTest = TtyFixture;

TEST_F(PtyTest, OpenptyCanonicalRoundTripWithEchoAndOnlcr) {
    std::string replica_got, echo, output;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        EXPECT_EQ(pair.path.rfind("/dev/pts/", 0), 0u) << pair.path;
        EXPECT_EQ(CHECK_OK(k.write(pid, pair.master, as_bytes("hello\n"))), 6u);
        // Canonical: one read returns the whole line.
        replica_got = CHECK_OK(read_some(k, pid, pair.replica, 64));
        // The master sees the echo of what it typed; the newline goes through ONLCR.
        echo = read_bytes(k, pid, pair.master, 7);
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        EXPECT_EQ(CHECK_OK(k.write(pid, pair.replica, as_bytes("hello\n"))), 6u);
        output = read_bytes(k, pid, pair.master, 7);
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(replica_got, "hello\n");
    EXPECT_EQ(echo, "hello\r\n");
    EXPECT_EQ(output, "hello\r\n");
}

TEST_F(PtyTest, CanonicalReadWaitsForTheWholeLine) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.write(pid, pair.master, as_bytes("par")));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.replica));  // no line yet
        CHECK_OK(k.write(pid, pair.master, as_bytes("tial\nsecond\n")));
        // One line per read, even with room for more.
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "partial\n");
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "second\n");
        // A short buffer takes the line in pieces.
        CHECK_OK(k.write(pid, pair.master, as_bytes("abcdef\n")));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 4)), "abcd");
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "ef\n");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PtyTest, PtmxAndPtsPathOpenAWorkingPair) {
    run_as_root();  // opens /dev/pts/N by path: see ReplicaPathOpensForTheUserWhoOpenedThePair
    std::string replica_got, master_got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto list_pts = [&]() -> ErrorOr<std::set<std::string>> {
            int dir = TRY(k.open(pid, "/dev/pts", o_rdonly | o_directory));
            auto entries = k.read_directory(pid, dir);
            (void)k.close(pid, dir);
            return entry_names(TRY(std::move(entries)));
        };
        auto before = CHECK_OK(list_pts());
        int master = CHECK_OK(k.open(pid, "/dev/ptmx", o_rdwr | o_noctty));
        auto after = CHECK_OK(list_pts());
        std::vector<std::string> added;
        for (auto& name : after)
            if (!before.count(name))
                added.push_back(name);
        EXPECT_EQ(added.size(), 1u) << "opening /dev/ptmx should add exactly one /dev/pts entry";
        if (added.size() != 1)
            return 1;
        std::string path = "/dev/pts/" + added[0];
        auto status = CHECK_OK(k.stat(pid, path));
        EXPECT_EQ(status.type, FileType::char_device);
        int replica = CHECK_OK(k.open(pid, path, o_rdwr | o_noctty));
        EXPECT_TRUE(CHECK_OK(k.isatty(pid, replica)));
        EXPECT_FALSE(CHECK_OK(k.isatty(pid, master)));
        CHECK_OK(k.write(pid, master, as_bytes("ping\n")));
        replica_got = CHECK_OK(read_some(k, pid, replica, 64));
        CHECK_OK(k.write(pid, replica, as_bytes("pong\n")));
        master_got = read_bytes(k, pid, master, 12);  // echo "ping\r\n" + "pong\r\n"
        // The termios of the pair are shared: set through the replica, read through the master.
        auto settings = CHECK_OK(k.tcgetattr(pid, replica));
        settings.lflag &= ~termios_flags::echo;
        CHECK_OK(k.tcsetattr(pid, replica, tcsa::now, settings));
        EXPECT_EQ(CHECK_OK(k.tcgetattr(pid, master)), settings);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(replica_got, "ping\n");
    EXPECT_EQ(master_got, "ping\r\npong\r\n");
}

TEST_F(PtyTest, ReplicaPathOpensForTheUserWhoOpenedThePair) {
    // devpts gives /dev/pts/N to the user who opened /dev/ptmx (mode 0620), so an unprivileged
    // process can open its own terminal by name, as a session leader must to acquire it.
    std::string owner, open_result, ptmx_result;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto creds = CHECK_OK(k.credentials(pid));
        EXPECT_FALSE(creds.is_root());
        auto ptmx = k.open(pid, "/dev/ptmx", o_rdwr | o_noctty);
        ptmx_result = err(std::move(ptmx));
        Pair pair = CHECK_OK(open_pair(k, pid));
        auto status = CHECK_OK(k.stat(pid, pair.path));
        owner = std::to_string(status.uid) + ":" + std::to_string(creds.uid);
        open_result = err(k.open(pid, pair.path, o_rdwr | o_noctty));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(ptmx_result, "ok");
    EXPECT_EQ(open_result, "ok") << "the user cannot open the replica of a pair it just opened";
    EXPECT_EQ(owner.substr(0, owner.find(':')), owner.substr(owner.find(':') + 1)) << "owner uid : user uid";
}

TEST_F(PtyTest, OpeningAMissingPtsEntryFails) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        EXPECT_EQ(err(k.open(pid, "/dev/pts/57", o_rdwr)), "ENOENT");
        EXPECT_EQ(err(k.open(pid, "/dev/pts/x", o_rdwr)), "ENOENT");
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PtyTest, IsattyOnlyOnTheReplica) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        EXPECT_TRUE(CHECK_OK(k.isatty(pid, pair.replica)));
        EXPECT_FALSE(CHECK_OK(k.isatty(pid, pair.master)));
        auto [r, w] = CHECK_OK(k.pipe(pid));
        EXPECT_FALSE(CHECK_OK(k.isatty(pid, r)));
        EXPECT_FALSE(CHECK_OK(k.isatty(pid, w)));
        int null = CHECK_OK(k.open(pid, "/dev/null", o_rdwr));
        EXPECT_FALSE(CHECK_OK(k.isatty(pid, null)));
        // A dup of the replica is a terminal too.
        int copy = CHECK_OK(k.dup(pid, pair.replica));
        EXPECT_TRUE(CHECK_OK(k.isatty(pid, copy)));
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PtyTest, SeveralPairsHaveDistinctPathsAndAreListed) {
    std::vector<std::string> paths;
    std::set<std::string> listed_while_open, listed_after_close;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        std::vector<Pair> pairs;
        for (int i = 0; i < 4; ++i) {
            pairs.push_back(CHECK_OK(open_pair(k, pid)));
            paths.push_back(pairs.back().path);
        }
        int dir = CHECK_OK(k.open(pid, "/dev/pts", o_rdonly | o_directory));
        listed_while_open = entry_names(CHECK_OK(k.read_directory(pid, dir)));
        CHECK_OK(k.close(pid, dir));
        // Each pair carries its own data.
        for (size_t i = 0; i < pairs.size(); ++i)
            CHECK_OK(k.write(pid, pairs[i].master, as_bytes("pair" + std::to_string(i) + "\n")));
        for (size_t i = 0; i < pairs.size(); ++i)
            EXPECT_EQ(CHECK_OK(read_some(k, pid, pairs[i].replica, 64)), "pair" + std::to_string(i) + "\n");
        // Closing both ends of one pair removes its entry.
        CHECK_OK(k.close(pid, pairs[1].master));
        CHECK_OK(k.close(pid, pairs[1].replica));
        return 0;
    });
    EXPECT_EQ(code, 0);
    ASSERT_EQ(paths.size(), 4u);
    EXPECT_EQ(std::set<std::string>(paths.begin(), paths.end()).size(), 4u);
    for (auto& path : paths) {
        ASSERT_EQ(path.rfind("/dev/pts/", 0), 0u) << path;
        EXPECT_TRUE(listed_while_open.count(path.substr(9))) << path << " not listed in /dev/pts";
    }
    // The host view (Kernel::read_directory) after the process exited: everything was closed.
    auto after = kernel().read_directory("/dev/pts");
    ASSERT_FALSE(after.is_error());
    EXPECT_TRUE(entry_names(after.value()).empty()) << "pairs outlived their last descriptors";
}

TEST_F(PtyTest, HostReadDirectoryListsOpenPairs) {
    std::atomic<bool> opened{false}, listed{false};
    std::string path;
    std::string id = function([&](ProcessContext& p) {
        Pair pair = CHECK_OK(open_pair(p.kernel(), p.pid()));
        path = pair.path;
        opened = true;
        EXPECT_TRUE(wait_until([&] { return listed.load(); }));
        return 0;
    });
    auto process = kernel().spawn("fn", {id}, {});
    ASSERT_FALSE(process.is_error());
    ASSERT_TRUE(wait_until([&] { return opened.load(); }));
    auto entries = kernel().read_directory("/dev/pts");
    bool exists = kernel().exists(path);
    listed = true;
    ASSERT_FALSE(entries.is_error());
    EXPECT_TRUE(entry_names(entries.value()).count(path.substr(9))) << path;
    EXPECT_TRUE(exists);
    EXPECT_EQ(status_text(process.value()->wait()), exited_text(0));
    EXPECT_FALSE(kernel().exists(path)) << "the pair outlived the process that held it";
}

TEST_F(PtyTest, ClosingTheMasterGivesEofThenEioOnTheReplica) {
    std::string first, second;
    std::string write_error, reopen_result;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.write(pid, pair.master, as_bytes("buffered\nmore\n")));
        CHECK_OK(k.close(pid, pair.master));
        // Buffered input is still delivered, a line at a time, then EOF (sticky).
        first = CHECK_OK(read_some(k, pid, pair.replica, 64));
        second = CHECK_OK(read_some(k, pid, pair.replica, 64));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "");
        EXPECT_EQ(CHECK_OK(read_some(k, pid, pair.replica, 64)), "");
        write_error = err(k.write(pid, pair.replica, as_bytes("x")));
        PollState state = CHECK_OK(k.poll_state(pid, pair.replica));
        EXPECT_TRUE(state.hangup);
        EXPECT_TRUE(state.readable);
        // The path is still there while the replica is open, but a new open fails.
        reopen_result = err(k.open(pid, pair.path, o_rdwr | o_noctty));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(first, "buffered\n");
    EXPECT_EQ(second, "more\n");
    EXPECT_EQ(write_error, "EIO");
    EXPECT_NE(reopen_result, "ok") << "a hung-up pair must not be reopened";
}

TEST_F(PtyTest, ClosingTheMasterWakesABlockedReplicaReader) {
    std::string result;
    std::atomic<bool> reading{false};
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        // The reader is a child (its own thread and waiter) holding only the replica.
        auto request = child([&](ProcessContext& c) {
            reading = true;
            auto got = read_some(c.kernel(), c.pid(), 0, 64);
            result = got.is_error() ? std::string(errno_name(got.error())) : "read:" + got.value();
            return 0;
        });
        request.stdin_fd = pair.replica;
        Pid reader = CHECK_OK(k.spawn(pid, request));
        EXPECT_TRUE(wait_until([&] { return reading.load(); }));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let it block in the read
        CHECK_OK(k.close(pid, pair.master));
        EXPECT_EQ(wait_child(k, pid, reader), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(result, "read:") << "the blocked read should return 0 (EOF) on hangup";
}

TEST_F(PtyTest, ClosingTheMasterSendsSighupToTheForegroundGroup) {
    run_as_root();  // opens /dev/pts/N by path: see ReplicaPathOpensForTheUserWhoOpenedThePair
    std::atomic<bool> ready{false};
    std::string child_status;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        std::string path = pair.path;
        // The child starts a session and opens the replica without O_NOCTTY: it becomes the
        // controlling terminal and the child's group the foreground group.
        Pid leader = CHECK_OK(k.spawn(pid, child([&, path](ProcessContext& c) {
            auto& ck = c.kernel();
            CHECK_OK(ck.setsid(c.pid()));
            int fd = CHECK_OK(ck.open(c.pid(), path, o_rdwr));
            EXPECT_EQ(CHECK_OK(ck.tcgetpgrp(c.pid(), fd)), c.pid());
            ready = true;
            return nap_until_signaled(c);  // never reads: only a signal can end it early
        })));
        EXPECT_TRUE(wait_until([&] { return ready.load(); }));
        CHECK_OK(k.close(pid, pair.master));
        child_status = wait_child(k, pid, leader);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(child_status, signaled_text(signals::sighup));
}

TEST_F(PtyTest, ClosingEveryReplicaGivesTheRestOfTheOutputThenEio) {
    run_as_root();  // opens /dev/pts/N by path: see ReplicaPathOpensForTheUserWhoOpenedThePair
    std::string got;
    std::optional<Errno> error;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        int second = CHECK_OK(k.open(pid, pair.path, o_rdwr | o_noctty));
        CHECK_OK(k.write(pid, pair.replica, as_bytes("bye\n")));
        CHECK_OK(k.close(pid, pair.replica));
        // One replica is still open: the master has the data and no hangup yet.
        PollState state = CHECK_OK(k.poll_state(pid, pair.master));
        EXPECT_FALSE(state.hangup);
        CHECK_OK(k.write(pid, second, as_bytes("last")));
        CHECK_OK(k.close(pid, second));
        state = CHECK_OK(k.poll_state(pid, pair.master));
        EXPECT_TRUE(state.hangup);
        got = read_until(k, pid, pair.master, [](const std::string&) { return false; }, 1000, &error);
        // EIO is sticky.
        EXPECT_EQ(err(read_some(k, pid, pair.master, 64)), "EIO");
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "bye\r\nlast");
    ASSERT_TRUE(error.has_value()) << "the master read never failed after the replicas closed";
    EXPECT_EQ(errno_name(*error), "EIO");
}

TEST_F(PtyTest, ClosingEveryReplicaWakesABlockedMasterReader) {
    std::string result;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        auto request = child([&](ProcessContext& c) {
            result = err(read_some(c.kernel(), c.pid(), 0, 64));
            return 0;
        });
        request.stdin_fd = pair.master;
        Pid reader = CHECK_OK(k.spawn(pid, request));
        std::this_thread::sleep_for(std::chrono::milliseconds(30));  // let it block
        CHECK_OK(k.close(pid, pair.replica));
        EXPECT_EQ(wait_child(k, pid, reader), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(result, "EIO");
}

TEST_F(PtyTest, ReplicaWriterOfOneMebibyteBlocksAndLosesNothing) {
    // 16384 numbered lines of 64 bytes: 1 MiB, which ONLCR turns into 65-byte lines.
    const std::string data = numbered_lines(16384, 64);
    const std::string expected = numbered_lines(16384, 64, "\r\n");
    ASSERT_EQ(data.size(), 1u << 20);
    std::atomic<bool> writer_done{false};
    bool blocked_while_full = false;
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        auto request = child([&](ProcessContext& c) {
            CHECK_OK(c.write_text(1, data));
            writer_done = true;
            return 0;
        });
        request.stdout_fd = pair.replica;
        Pid writer = CHECK_OK(k.spawn(pid, request));
        // Wait for the output queue to fill, then give the writer time to finish if it would.
        EXPECT_TRUE(wait_until([&] { return !nothing_to_read(k, pid, pair.master); }));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        blocked_while_full = !writer_done.load();
        got = read_bytes(k, pid, pair.master, expected.size(), 1500);
        EXPECT_EQ(wait_child(k, pid, writer), exited_text(0));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(blocked_while_full) << "a 1 MiB write finished with nobody reading the master";
    EXPECT_TRUE(writer_done.load());
    EXPECT_EQ(got.size(), expected.size());
    EXPECT_TRUE(got == expected) << "output bytes were lost or reordered";
}

TEST_F(PtyTest, MasterWriterBlocksOnAFullInputQueueInRawMode) {
    std::string data(10000, '\0');
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<char>('a' + i % 26);
    std::atomic<bool> writer_done{false};
    bool blocked_while_full = false;
    size_t first_read = 0;
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        CHECK_OK(k.tcsetattr(pid, pair.replica, tcsa::now, raw_mode(CHECK_OK(k.tcgetattr(pid, pair.replica)))));
        auto request = child([&](ProcessContext& c) {
            CHECK_OK(c.write_text(1, data));
            writer_done = true;
            return 0;
        });
        request.stdout_fd = pair.master;
        Pid writer = CHECK_OK(k.spawn(pid, request));
        EXPECT_TRUE(wait_until([&] { return !nothing_to_read(k, pid, pair.replica); }));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        blocked_while_full = !writer_done.load();
        // The queue holds at most 4096 bytes: the first read cannot return more.
        std::string first = CHECK_OK(read_some(k, pid, pair.replica, 65536));
        first_read = first.size();
        got = first + read_bytes(k, pid, pair.replica, data.size() - first.size());
        EXPECT_EQ(wait_child(k, pid, writer), exited_text(0));
        EXPECT_TRUE(nothing_to_read(k, pid, pair.master)) << "echo was off";
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(blocked_while_full) << "10000 bytes went into a 4096-byte input queue with no reader";
    EXPECT_GT(first_read, 0u);
    EXPECT_LE(first_read, 4096u);
    EXPECT_TRUE(got == data) << "input bytes were lost or reordered (got " << got.size() << " bytes)";
}

// A "\n" that ONLCR turns into "\r\n" needs two free bytes. With exactly one free, the writer
// must sleep until the master reads, not spin (holding the PTY lock, which would also block the
// master reader forever: the watchdog aborts the binary in that case).
TEST_F(PtyTest, ReplicaNewlineIntoTheLastFreeByteWaitsForTheReader) {
    const size_t capacity = 65536;  // the output queue
    std::atomic<bool> writer_done{false};
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        Pair pair = CHECK_OK(open_pair(k, pid));
        auto request = child([&](ProcessContext& c) {
            CHECK_OK(c.write_text(1, std::string(capacity - 1, 'a')));
            CHECK_OK(c.write_text(1, "\n"));
            writer_done = true;
            return 0;
        });
        request.stdout_fd = pair.replica;
        Pid writer = CHECK_OK(k.spawn(pid, request));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the writer reaches the newline
        EXPECT_FALSE(writer_done.load());
        got = read_bytes(k, pid, pair.master, capacity + 1);
        EXPECT_EQ(wait_child(k, pid, writer), exited_text(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(got == std::string(capacity - 1, 'a') + "\r\n") << "got " << got.size() << " bytes";
}

}  // namespace
}  // namespace secure_exec::testing
