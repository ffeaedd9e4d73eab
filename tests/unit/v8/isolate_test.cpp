// The V8 layer: isolates run code, hit their memory limits without taking the process down, and
// the CPU watchdog stops guest code by CPU time, not wall-clock time.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "v8/cpu_watchdog.h"
#include "v8/isolate.h"
#include "v8/platform.h"

namespace secure_exec::v8_layer {
namespace {

struct Outcome {
    std::optional<std::string> value;  // the result as a string, if the script completed
    std::string exception;             // the message, if it threw
    bool terminated{false};
};

Outcome run(Isolate& isolate, const std::string& source) {
    v8::Isolate* raw = isolate.get();
    v8::Isolate::Scope isolate_scope(raw);
    v8::HandleScope handles(raw);
    auto context = v8::Context::New(raw);
    v8::Context::Scope context_scope(context);
    v8::TryCatch try_catch(raw);
    Outcome outcome;
    auto code = v8::String::NewFromUtf8(raw, source.c_str()).ToLocalChecked();
    v8::Local<v8::Script> script;
    v8::Local<v8::Value> result;
    if (v8::Script::Compile(context, code).ToLocal(&script) && script->Run(context).ToLocal(&result)) {
        v8::String::Utf8Value text(raw, result);
        outcome.value = *text ? *text : "";
    } else if (try_catch.HasTerminated()) {
        outcome.terminated = true;
        raw->CancelTerminateExecution();
    } else if (try_catch.HasCaught()) {
        v8::String::Utf8Value text(raw, try_catch.Exception());
        outcome.exception = *text ? *text : "";
    }
    return outcome;
}

TEST(V8Isolate, RunsScriptsOnDebiansV8) {
    EXPECT_EQ(std::string(engine_version()).substr(0, 5), "10.2.");
    Isolate isolate;
    EXPECT_EQ(run(isolate, "[1, 2, 3].map(x => x * 2).join(',')").value, "2,4,6");
    EXPECT_EQ(run(isolate, "throw new TypeError('nope')").exception, "TypeError: nope");
}

TEST(V8Isolate, HeapLimitEndsTheScriptNotTheProcess) {
    Isolate isolate(IsolateOptions{.heap_limit_bytes = 32u << 20});
    auto outcome = run(isolate, "const all = []; while (true) all.push({ index: all.length, text: 'x'.repeat(16) });");
    EXPECT_TRUE(outcome.terminated);
    EXPECT_TRUE(isolate.heap_limit_reached());
}

TEST(V8Isolate, ArrayBufferMemoryIsCapped) {
    Isolate isolate(IsolateOptions{.array_buffer_limit_bytes = 64u << 20});
    auto outcome = run(isolate, "new ArrayBuffer(100 * 1024 * 1024)");
    EXPECT_NE(outcome.exception.find("RangeError"), std::string::npos) << outcome.exception;
    EXPECT_EQ(run(isolate, "new ArrayBuffer(1024 * 1024).byteLength").value, "1048576");
}

TEST(V8Isolate, WasmMemoriesAreCappedByThePlatform) {
    Isolate isolate;
    auto outcome = run(isolate, "new WebAssembly.Memory({ initial: 20000 })");  // 1.2 GiB > the 1 GiB cap
    EXPECT_NE(outcome.exception.find("RangeError"), std::string::npos) << outcome.exception;
    EXPECT_EQ(run(isolate, "new WebAssembly.Memory({ initial: 16 }).buffer.byteLength").value, "1048576");
}

TEST(CpuWatchdog, StopsAnInfiniteLoopAfterItsCpuBudget) {
    CpuWatchdog watchdog;
    Isolate isolate;
    auto guard = watchdog.watch(std::chrono::milliseconds(100), [&] { isolate.terminate(); });
    auto outcome = run(isolate, "for (;;) { try { while (true) {} } catch (e) {} }");
    EXPECT_TRUE(outcome.terminated);
    EXPECT_TRUE(guard->exceeded());
    auto used = std::chrono::duration_cast<std::chrono::milliseconds>(guard->used()).count();
    EXPECT_GE(used, 100);
    EXPECT_LT(used, 1000);
    // The isolate stays usable after a termination.
    EXPECT_EQ(run(isolate, "6 * 7").value, "42");
}

TEST(CpuWatchdog, CountsCpuTimeNotWallClock) {
    CpuWatchdog watchdog;
    bool fired = false;
    auto guard = watchdog.watch(std::chrono::milliseconds(50), [&] { fired = true; });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // blocked, like a guest in read()
    EXPECT_FALSE(guard->exceeded());
    EXPECT_FALSE(fired);
    EXPECT_LT(guard->used(), std::chrono::milliseconds(50));
}

}  // namespace
}  // namespace secure_exec::v8_layer
