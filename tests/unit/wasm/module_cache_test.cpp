// The module cache compiles a binary once and is bounded, since guests can supply binaries.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "v8/isolate.h"
#include "wasm/module_cache.h"

namespace secure_exec::wasm {
namespace {

// An empty module plus a custom section named `marker`, so each marker is a distinct binary.
std::shared_ptr<const std::string> module_with(char marker) {
    std::string bytes("\0asm\1\0\0\0", 8);
    bytes += std::string("\0\2\1", 3);  // custom section id 0, size 2, name length 1
    bytes.push_back(marker);
    return std::make_shared<const std::string>(std::move(bytes));
}

TEST(ModuleCache, CompilesOnceAndStaysBounded) {
    v8_layer::Isolate isolate;
    v8::Isolate::Scope scope(isolate.get());
    v8::HandleScope handles(isolate.get());
    auto context = v8::Context::New(isolate.get());
    v8::Context::Scope context_scope(context);
    ModuleCache cache(/*max_bytes=*/1 << 20, /*max_entries=*/2);
    EXPECT_FALSE(cache.module_for(isolate.get(), module_with('a')).IsEmpty());
    EXPECT_FALSE(cache.module_for(isolate.get(), module_with('a')).IsEmpty());
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_FALSE(cache.module_for(isolate.get(), module_with('b')).IsEmpty());
    EXPECT_FALSE(cache.module_for(isolate.get(), module_with('c')).IsEmpty());
    EXPECT_EQ(cache.size(), 2u);  // 'a' was dropped
    EXPECT_FALSE(cache.module_for(isolate.get(), module_with('a')).IsEmpty());
    EXPECT_EQ(cache.size(), 2u);
}

// The same shared bytes are found by address; equal bytes elsewhere by content.
TEST(ModuleCache, SharedBytesAndEqualCopiesHitOneEntry) {
    v8_layer::Isolate isolate;
    v8::Isolate::Scope scope(isolate.get());
    v8::HandleScope handles(isolate.get());
    auto context = v8::Context::New(isolate.get());
    v8::Context::Scope context_scope(context);
    ModuleCache cache;
    auto shared = module_with('s');
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(cache.module_for(isolate.get(), shared).IsEmpty());
    EXPECT_FALSE(cache.module_for(isolate.get(), module_with('s')).IsEmpty());
    EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace secure_exec::wasm
