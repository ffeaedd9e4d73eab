// Anonymous pipes: blocking and partial reads, EOF only after every write end closes, a full
// buffer, EPIPE/SIGPIPE, poll readiness, pipe2 flags, exit closing ends, and concurrent stress.
// Linux fs/pipe.c is the reference.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "unit/kernel/fd/fd_test_support.h"

namespace secure_exec::testing {
namespace {

using namespace secure_exec::flags;
using Clock = std::chrono::steady_clock;

using PipeTest = KernelFixture;

TEST_F(PipeTest, ReaderBlocksUntilDataArrives) {
    std::string got;
    int64_t waited_ms = 0;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([](ProcessContext& c) {
            CHECK_OK(c.kernel().sleep(c.pid(), 50'000'000));
            CHECK_OK(c.write_text(1, "late data"));
            return 0;
        });
        request.stdout_fd = w;
        auto started = Clock::now();
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        got = CHECK_OK(read_some(k, pid, r, 64));  // blocking: no EAGAIN, no early 0
        waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
        CHECK_OK(k.waitpid(pid, child_pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "late data");
    EXPECT_GE(waited_ms, 40);
}

TEST_F(PipeTest, ReaderOnAnotherThreadWakesForAWrite) {
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        std::thread writer([&k, pid, w = w] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            (void)k.write(pid, w, as_bytes("wake"));
        });
        auto result = read_some(k, pid, r, 64);
        writer.join();
        got = CHECK_OK(std::move(result));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "wake");
}

TEST_F(PipeTest, PartialReads) {
    std::vector<size_t> counts;
    std::string joined;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        EXPECT_EQ(CHECK_OK(k.write(pid, w, as_bytes("0123456789"))), 10u);
        for (int i = 0; i < 3; ++i) {
            std::string part = CHECK_OK(read_some(k, pid, r, 4));
            counts.push_back(part.size());
            joined += part;
        }
        // Empty now, the writer still open: a non-blocking read says EAGAIN.
        CHECK_OK(k.fcntl(pid, r, f_setfl, o_nonblock));
        EXPECT_EQ(err(read_some(k, pid, r, 4)), "EAGAIN");
        // A zero-length read returns 0 at once.
        CHECK_OK(k.fcntl(pid, r, f_setfl, 0));
        EXPECT_EQ(CHECK_OK(k.read(pid, r, {})), 0u);
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(counts, (std::vector<size_t>{4, 4, 2}));
    EXPECT_EQ(joined, "0123456789");
}

TEST_F(PipeTest, EofOnlyWhenEveryWriteEndIsClosed) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        int w2 = CHECK_OK(k.dup(pid, w));
        CHECK_OK(k.write(pid, w, as_bytes("one.")));
        CHECK_OK(k.write(pid, w2, as_bytes("two.")));
        CHECK_OK(k.close(pid, w));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "one.two.");
        // One write end is left: no EOF, the reader would block.
        PollState state = CHECK_OK(k.poll_state(pid, r));
        EXPECT_FALSE(state.readable);
        EXPECT_FALSE(state.hangup);
        CHECK_OK(k.fcntl(pid, r, f_setfl, o_nonblock));
        EXPECT_EQ(err(read_some(k, pid, r, 64)), "EAGAIN");
        CHECK_OK(k.write(pid, w2, as_bytes("three.")));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "three.");
        CHECK_OK(k.close(pid, w2));
        state = CHECK_OK(k.poll_state(pid, r));
        EXPECT_TRUE(state.readable);
        EXPECT_TRUE(state.hangup);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "");
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "");  // EOF is sticky
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PipeTest, EofWaitsForAWriteEndHeldByAChild) {
    std::string got;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        auto [gate_r, gate_w] = CHECK_OK(k.pipe(pid, o_cloexec));
        // The child inherits w (not cloexec), waits for the gate, writes, and exits.
        auto request = child([w = w](ProcessContext& c) {
            CHECK_OK(c.read_all(0));
            CHECK_OK(c.write_text(w, "from child"));
            return 0;
        });
        request.stdin_fd = gate_r;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, gate_r));
        CHECK_OK(k.write(pid, w, as_bytes("from parent;")));
        CHECK_OK(k.close(pid, w));
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "from parent;");
        PollState state = CHECK_OK(k.poll_state(pid, r));
        EXPECT_FALSE(state.hangup);  // the child still holds a write end
        CHECK_OK(k.close(pid, gate_w));
        got = CHECK_OK(p.read_all(r));
        CHECK_OK(k.waitpid(pid, child_pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(got, "from child");
}

TEST_F(PipeTest, NonblockingWriteFillsExactlyTheCapacity) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_nonblock));
        std::vector<std::byte> data(70000, std::byte{'x'});
        EXPECT_EQ(CHECK_OK(k.write(pid, w, data)), 65536u);
        EXPECT_EQ(err(k.write(pid, w, as_bytes("y"))), "EAGAIN");
        PollState state = CHECK_OK(k.poll_state(pid, w));
        EXPECT_FALSE(state.writable);
        // A write of at most PIPE_BUF bytes is all or nothing.
        std::vector<std::byte> small(100);
        EXPECT_EQ(CHECK_OK(k.read(pid, r, small)), 100u);
        std::vector<std::byte> atomic(200, std::byte{'z'});
        EXPECT_EQ(err(k.write(pid, w, atomic)), "EAGAIN");
        EXPECT_EQ(CHECK_OK(k.write(pid, w, std::span(atomic).first(100))), 100u);
        // Drain: exactly 65536 bytes are buffered again.
        size_t total = 0;
        std::vector<std::byte> buffer(8192);
        while (true) {
            auto got = k.read(pid, r, buffer);
            if (got.is_error()) {
                EXPECT_EQ(errno_name(got.error()), "EAGAIN");
                break;
            }
            total += got.value();
        }
        EXPECT_EQ(total, 65536u);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PipeTest, BlockingWriterCompletesOnceAReaderDrains) {
    static constexpr size_t k_size = 200000;
    std::atomic<bool> write_returned{false};
    std::atomic<int64_t> written{-1};
    bool blocked_while_full = false;
    std::string received;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([&](ProcessContext& c) {
            std::string data(k_size, '\0');
            for (size_t i = 0; i < data.size(); ++i)
                data[i] = static_cast<char>('a' + i % 26);
            auto result = c.kernel().write(c.pid(), 1, as_bytes(data));
            written = result.is_error() ? -static_cast<int>(result.error()) : static_cast<int64_t>(result.value());
            write_returned = true;
            return 0;
        });
        request.stdout_fd = w;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, w));
        CHECK_OK(k.sleep(pid, 50'000'000));
        blocked_while_full = !write_returned.load();
        received = CHECK_OK(p.read_all(r));
        auto waited = CHECK_OK(k.waitpid(pid, child_pid));
        EXPECT_EQ(waited.status, wait_status::exited(0));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(blocked_while_full);
    EXPECT_TRUE(write_returned.load());
    EXPECT_EQ(written.load(), static_cast<int64_t>(k_size));
    ASSERT_EQ(received.size(), k_size);
    for (size_t i = 0; i < received.size(); ++i) {
        if (received[i] != static_cast<char>('a' + i % 26)) {
            ADD_FAILURE() << "byte " << i << " differs";
            break;
        }
    }
}

TEST_F(PipeTest, WriteWithNoReaderKillsWithSigpipe) {
    std::string write_error;
    int status = run_status_of([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));
        CHECK_OK(k.close(pid, r));
        PollState state = CHECK_OK(k.poll_state(pid, w));
        EXPECT_TRUE(state.error);
        write_error = err(k.write(pid, w, as_bytes("nobody listens")));
        return 0;
    });
    EXPECT_EQ(write_error, "EPIPE");
    EXPECT_TRUE(wait_status::if_signaled(status)) << "status " << status;
    EXPECT_EQ(wait_status::term_signal(status), signals::sigpipe);
    EXPECT_EQ(wait_status::shell_code(status), 128 + 13);
}

TEST_F(PipeTest, ChildKilledBySigpipeIsReportedToTheParent) {
    int child_status = -1;
    std::string child_error;
    bool child_terminated = false;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([&](ProcessContext& c) {
            child_error = err(c.kernel().write(c.pid(), 1, as_bytes("into the void")));
            // The driver hears of the fatal signal; allow for the notification to arrive.
            child_terminated = eventually([&] { return c.terminated(); }, 2000);
            return 0;
        });
        request.stdout_fd = w;
        CHECK_OK(k.close(pid, r));
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, w));
        child_status = CHECK_OK(k.waitpid(pid, child_pid)).status;
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(child_error, "EPIPE");
    EXPECT_TRUE(child_terminated);
    EXPECT_EQ(child_status, wait_status::signaled(signals::sigpipe));
}

TEST_F(PipeTest, IgnoredSigpipeLeavesJustEpipe) {
    std::string write_error;
    int status = run_status_of([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        CHECK_OK(k.sigaction(pid, signals::sigpipe, SignalAction{.disposition = Disposition::ignore}));
        auto [r, w] = CHECK_OK(k.pipe(pid));
        CHECK_OK(k.close(pid, r));
        write_error = err(k.write(pid, w, as_bytes("x")));
        EXPECT_FALSE(p.terminated());
        return 5;
    });
    EXPECT_EQ(write_error, "EPIPE");
    EXPECT_EQ(status, wait_status::exited(5));
}

TEST_F(PipeTest, BlockedSigpipeStaysPendingAndWriteFailsWithEpipe) {
    std::string write_error;
    SignalSet pending = 0;
    int status = run_status_of([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        CHECK_OK(k.sigprocmask(pid, signals::sig_block, signal_bit(signals::sigpipe)));
        auto [r, w] = CHECK_OK(k.pipe(pid));
        CHECK_OK(k.close(pid, r));
        write_error = err(k.write(pid, w, as_bytes("x")));
        pending = CHECK_OK(k.sigpending(pid));
        return 0;
    });
    EXPECT_EQ(write_error, "EPIPE");
    EXPECT_NE(pending & signal_bit(signals::sigpipe), 0u);
    EXPECT_EQ(status, wait_status::exited(0));  // still blocked when it exited
}

// Linux pipe_write(): when the last reader goes away during a blocking write that already moved
// some bytes, the write returns the partial count AND the writer gets SIGPIPE.
TEST_F(PipeTest, ReaderClosingMidWriteRaisesSigpipe) {
    int child_status = -1;
    std::atomic<int64_t> written{-1};
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        auto request = child([&](ProcessContext& c) {
            std::string data(200000, 'q');
            auto result = c.kernel().write(c.pid(), 1, as_bytes(data));
            written = result.is_error() ? -static_cast<int>(result.error()) : static_cast<int64_t>(result.value());
            return 0;
        });
        request.stdout_fd = w;
        Pid child_pid = CHECK_OK(k.spawn(pid, request));
        CHECK_OK(k.close(pid, w));
        // 70000 read + 65536 buffered < 200000: the child is blocked inside its write.
        size_t total = 0;
        std::vector<std::byte> buffer(10000);
        while (total < 70000)
            total += CHECK_OK(k.read(pid, r, buffer));
        CHECK_OK(k.close(pid, r));
        child_status = CHECK_OK(k.waitpid(pid, child_pid)).status;
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_GE(written.load(), 70000);
    EXPECT_LT(written.load(), 200000);
    EXPECT_EQ(child_status, wait_status::signaled(signals::sigpipe))
        << "the writer exited normally (status " << child_status << ") instead of dying of SIGPIPE";
}

TEST_F(PipeTest, PollStateTransitions) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_nonblock));
        PollState reader = CHECK_OK(k.poll_state(pid, r));
        PollState writer = CHECK_OK(k.poll_state(pid, w));
        EXPECT_FALSE(reader.readable);
        EXPECT_FALSE(reader.hangup);
        EXPECT_TRUE(writer.writable);
        EXPECT_FALSE(writer.error);

        CHECK_OK(k.write(pid, w, as_bytes("x")));
        reader = CHECK_OK(k.poll_state(pid, r));
        EXPECT_TRUE(reader.readable);
        EXPECT_FALSE(reader.hangup);

        std::vector<std::byte> fill(65535);
        EXPECT_EQ(CHECK_OK(k.write(pid, w, fill)), 65535u);
        writer = CHECK_OK(k.poll_state(pid, w));
        EXPECT_FALSE(writer.writable);

        std::vector<std::byte> buffer(65536);
        EXPECT_EQ(CHECK_OK(k.read(pid, r, buffer)), 65536u);
        reader = CHECK_OK(k.poll_state(pid, r));
        writer = CHECK_OK(k.poll_state(pid, w));
        EXPECT_FALSE(reader.readable);
        EXPECT_TRUE(writer.writable);

        CHECK_OK(k.write(pid, w, as_bytes("tail")));
        CHECK_OK(k.close(pid, w));
        reader = CHECK_OK(k.poll_state(pid, r));
        EXPECT_TRUE(reader.readable);
        EXPECT_TRUE(reader.hangup);
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "tail");  // data first, then EOF
        EXPECT_EQ(CHECK_OK(read_some(k, pid, r, 64)), "");
        reader = CHECK_OK(k.poll_state(pid, r));
        EXPECT_TRUE(reader.readable);
        EXPECT_TRUE(reader.hangup);

        auto [r2, w2] = CHECK_OK(k.pipe(pid));
        CHECK_OK(k.close(pid, r2));
        writer = CHECK_OK(k.poll_state(pid, w2));
        EXPECT_TRUE(writer.error);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PipeTest, PipeFlagsAreValidated) {
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto before = CHECK_OK(k.open_fds(pid));
        EXPECT_EQ(err(k.pipe(pid, o_append)), "EINVAL");
        EXPECT_EQ(err(k.pipe(pid, o_rdwr)), "EINVAL");
        EXPECT_EQ(err(k.pipe(pid, o_creat | o_cloexec)), "EINVAL");
        EXPECT_EQ(err(k.pipe(pid, o_nonblock | o_trunc)), "EINVAL");
        EXPECT_EQ(CHECK_OK(k.open_fds(pid)), before);

        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec | o_nonblock));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, r, f_getfd)), fd_cloexec);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, w, f_getfd)), fd_cloexec);
        EXPECT_NE(CHECK_OK(k.fcntl(pid, r, f_getfl)) & o_nonblock, 0);
        EXPECT_NE(CHECK_OK(k.fcntl(pid, w, f_getfl)) & o_nonblock, 0);
        auto [r2, w2] = CHECK_OK(k.pipe(pid, 0));
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, r2, f_getfd)), 0);
        EXPECT_EQ(CHECK_OK(k.fcntl(pid, w2, f_getfl)) & o_nonblock, 0);
        Stat status = CHECK_OK(k.fstat(pid, r2));
        EXPECT_EQ(status.type, FileType::fifo);
        EXPECT_EQ(CHECK_OK(k.fstat(pid, w2)).inode, status.inode);  // both ends: one pipe inode
        EXPECT_NE(CHECK_OK(k.fstat(pid, r)).inode, status.inode);
        return 0;
    });
    EXPECT_EQ(code, 0);
}

TEST_F(PipeTest, ProcessExitClosesItsPipeEnds) {
    std::string got;
    bool hangup_before_wait = false;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid));  // inherited: not cloexec
        Pid child_pid = CHECK_OK(k.spawn(pid, child([w = w](ProcessContext& c) {
            CHECK_OK(c.write_text(w, "bye"));
            return 0;  // exits without closing anything
        })));
        CHECK_OK(k.close(pid, w));
        // The exit itself closes the child's end: EOF comes before the parent reaps the zombie.
        hangup_before_wait = eventually(
            [&] {
                auto state = k.poll_state(pid, r);
                return !state.is_error() && state.value().hangup;
            },
            2000);
        if (hangup_before_wait)
            got = CHECK_OK(p.read_all(r));
        CHECK_OK(k.waitpid(pid, child_pid));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(hangup_before_wait);
    EXPECT_EQ(got, "bye");
}

TEST_F(PipeTest, ReaderExitMakesWriterGetEpipe) {
    std::string write_error;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        CHECK_OK(k.sigaction(pid, signals::sigpipe, SignalAction{.disposition = Disposition::ignore}));
        auto [r, w] = CHECK_OK(k.pipe(pid));
        Pid child_pid = CHECK_OK(k.spawn(pid, child([](ProcessContext&) { return 0; })));
        CHECK_OK(k.close(pid, r));
        CHECK_OK(k.waitpid(pid, child_pid));
        write_error = err(k.write(pid, w, as_bytes("x")));
        return 0;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(write_error, "EPIPE");
}

// 8 writers × 1000 messages of 100 bytes: each write is ≤ PIPE_BUF, so atomic.
TEST_F(PipeTest, StressAtomicMessagesFromManyWriters) {
    static constexpr int k_writers = 8;
    static constexpr int k_messages = 1000;
    static constexpr size_t k_message = 100;
    std::string stream;
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        std::vector<Pid> writers;
        for (int id = 0; id < k_writers; ++id) {
            auto request = child([id](ProcessContext& c) {
                for (int seq = 0; seq < k_messages; ++seq) {
                    char message[k_message];
                    std::memset(message, 'a' + id, sizeof message);
                    std::snprintf(message, sizeof message, "W%d:%05d|", id, seq);
                    message[std::strlen(message)] = 'a' + id;  // overwrite snprintf's NUL
                    message[k_message - 1] = '\n';
                    size_t written = CHECK_OK(c.kernel().write(c.pid(), 1, as_bytes({message, k_message})));
                    if (written != k_message)
                        return 2;  // an atomic write must not be split
                }
                return 0;
            });
            request.stdout_fd = w;
            writers.push_back(CHECK_OK(k.spawn(pid, request)));
        }
        CHECK_OK(k.close(pid, w));
        stream = CHECK_OK(p.read_all(r));
        int failures = 0;
        for (Pid writer : writers)
            failures += CHECK_OK(k.waitpid(pid, writer)).status == wait_status::exited(0) ? 0 : 1;
        return failures;
    });
    EXPECT_EQ(code, 0);
    ASSERT_EQ(stream.size(), k_writers * k_messages * k_message);
    std::vector<int> next(k_writers, 0);
    int intact = 0;
    for (size_t offset = 0; offset < stream.size(); offset += k_message) {
        std::string_view message(stream.data() + offset, k_message);
        int id = -1, seq = -1;
        if (std::sscanf(std::string(message.substr(0, 9)).c_str(), "W%d:%05d|", &id, &seq) != 2 || id < 0 ||
            id >= k_writers) {
            ADD_FAILURE() << "garbled message at " << offset << ": " << message.substr(0, 20);
            break;
        }
        std::string expected(k_message, static_cast<char>('a' + id));
        std::snprintf(expected.data(), k_message, "W%d:%05d|", id, seq);
        expected[std::strlen(expected.c_str())] = static_cast<char>('a' + id);
        expected[k_message - 1] = '\n';
        if (message != expected) {
            ADD_FAILURE() << "interleaved message at " << offset;
            break;
        }
        EXPECT_EQ(seq, next[id]) << "writer " << id << " out of order";
        next[id] = seq + 1;
        ++intact;
    }
    EXPECT_EQ(intact, k_writers * k_messages);
    for (int id = 0; id < k_writers; ++id)
        EXPECT_EQ(next[id], k_messages) << "writer " << id;
}

// 4 writers and 4 readers share one pipe and move 10 MiB; every byte arrives exactly once.
TEST_F(PipeTest, StressManyReadersAndWritersMoveTenMebibytes) {
    static constexpr int k_writers = 4;
    static constexpr int k_readers = 4;
    static constexpr size_t k_per_writer = (10u << 20) / k_writers;
    std::atomic<uint64_t> bytes_read{0};
    std::atomic<uint64_t> sum_read{0};
    uint64_t sum_written = 0;
    for (int id = 0; id < k_writers; ++id)
        for (size_t i = 0; i < k_per_writer; ++i)
            sum_written += static_cast<uint8_t>(i * 7 + id);
    int code = run([&](ProcessContext& p) {
        auto& k = p.kernel();
        Pid pid = p.pid();
        auto [r, w] = CHECK_OK(k.pipe(pid, o_cloexec));
        std::vector<Pid> children;
        for (int id = 0; id < k_readers; ++id) {
            auto request = child([&](ProcessContext& c) {
                std::vector<std::byte> buffer(1000 + 3000 * (c.pid() % 4));
                while (true) {
                    size_t got = CHECK_OK(c.kernel().read(c.pid(), 0, buffer));
                    if (got == 0)
                        return 0;
                    uint64_t sum = 0;
                    for (size_t i = 0; i < got; ++i)
                        sum += static_cast<uint8_t>(buffer[i]);
                    bytes_read += got;
                    sum_read += sum;
                }
            });
            request.stdin_fd = r;
            children.push_back(CHECK_OK(k.spawn(pid, request)));
        }
        for (int id = 0; id < k_writers; ++id) {
            auto request = child([id](ProcessContext& c) {
                std::vector<std::byte> data(k_per_writer);
                for (size_t i = 0; i < data.size(); ++i)
                    data[i] = static_cast<std::byte>(i * 7 + id);
                size_t chunk = 8191 + 1000 * static_cast<size_t>(id);  // above and below PIPE_BUF mixes
                for (size_t offset = 0; offset < data.size();) {
                    size_t size = std::min(chunk, data.size() - offset);
                    offset += CHECK_OK(c.kernel().write(c.pid(), 1, std::span(data).subspan(offset, size)));
                }
                return 0;
            });
            request.stdout_fd = w;
            children.push_back(CHECK_OK(k.spawn(pid, request)));
        }
        CHECK_OK(k.close(pid, r));
        CHECK_OK(k.close(pid, w));
        int failures = 0;
        for (Pid c : children)
            failures += CHECK_OK(k.waitpid(pid, c)).status == wait_status::exited(0) ? 0 : 1;
        return failures;
    });
    EXPECT_EQ(code, 0);
    EXPECT_EQ(bytes_read.load(), uint64_t{10} << 20);
    EXPECT_EQ(sum_read.load(), sum_written);
}

}  // namespace
}  // namespace secure_exec::testing
