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

// The isolate data slot naming the process that runs on the isolate now. Import functions are
// made once per warm isolate (warm_isolate.h) and serve its processes in turn, so they find their
// process here rather than in a binding of their own.
constexpr uint32_t k_process_slot = 0;

inline WasiProcess& process_of(const Info& info) {
    return *static_cast<WasiProcess*>(info.GetIsolate()->GetData(k_process_slot));
}

// Names `process` as the one running on `isolate` while it lives.
class ProcessBinding {
public:
    ProcessBinding(v8::Isolate* isolate, WasiProcess& process) : m_isolate(isolate) {
        m_isolate->SetData(k_process_slot, &process);
    }
    ~ProcessBinding() { m_isolate->SetData(k_process_slot, nullptr); }
    ProcessBinding(const ProcessBinding&) = delete;
    ProcessBinding& operator=(const ProcessBinding&) = delete;

private:
    v8::Isolate* m_isolate;
};

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

// Adds each import to `namespace_object`.
inline void install_imports(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Object> namespace_object,
                            std::span<const Import> imports) {
    for (const auto& import : imports) {
        auto function = v8::Function::New(context, import.callback).ToLocalChecked();
        auto name = v8::String::NewFromUtf8(isolate, import.name).ToLocalChecked();
        namespace_object->Set(context, name, function).Check();
    }
}

}  // namespace secure_exec::wasm
