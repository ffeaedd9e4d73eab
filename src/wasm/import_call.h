// import_call.h — what every host import function (WASI preview1 and `secure_exec`) does with
// its V8 call: find its process, read integer arguments, answer an errno, and the table that
// installs a module's functions.
// Thread safety: confined to the calling process's thread, as WasiProcess.
#pragma once

#include <cstdint>
#include <span>

#include "wasm/wasi_process.h"

namespace secure_exec::wasm {

using Info = v8::FunctionCallbackInfo<v8::Value>;

struct Import {
    const char* name;
    v8::FunctionCallback callback;
};

inline WasiProcess& process_of(const Info& info) {
    return *static_cast<WasiProcess*>(info.Data().As<v8::External>()->Value());
}

inline uint32_t u32(const Info& info, int index) {
    return info[index]->Uint32Value(info.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

inline int32_t i32(const Info& info, int index) {
    return info[index]->Int32Value(info.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

// i64 parameters arrive as BigInt (V8's wasm BigInt integration).
inline uint64_t u64(const Info& info, int index) {
    if (info[index]->IsBigInt())
        return info[index].As<v8::BigInt>()->Uint64Value();
    return static_cast<uint64_t>(info[index]->NumberValue(info.GetIsolate()->GetCurrentContext()).FromMaybe(0));
}

inline void reply(const Info& info, uint16_t wasi_errno) {
    info.GetReturnValue().Set(static_cast<uint32_t>(wasi_errno));
}

// Adds each import as a function bound to `process` to `namespace_object`.
inline void install_imports(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> namespace_object,
                            WasiProcess& process, std::span<const Import> imports) {
    auto data = v8::External::New(isolate, &process);
    for (const auto& import : imports) {
        auto function = v8::Function::New(context, import.callback, data).ToLocalChecked();
        auto name = v8::String::NewFromUtf8(isolate, import.name).ToLocalChecked();
        namespace_object->Set(context, name, function).Check();
    }
}

}  // namespace secure_exec::wasm
