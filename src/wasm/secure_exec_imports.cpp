// The `secure_exec` import module (include/secure_exec/wasm_abi.h), host side.
#include <secure_exec/wasm_abi.h>

#include "wasm/wasi_errno.h"
#include "wasm/wasi_process.h"

namespace secure_exec::wasm {

namespace {

using Info = v8::FunctionCallbackInfo<v8::Value>;

constexpr uint16_t k_wasi_range = 68;

WasiProcess& process_of(const Info& info) {
    return *static_cast<WasiProcess*>(info.Data().As<v8::External>()->Value());
}

uint32_t u32(const Info& info, int index) {
    return info[index]->Uint32Value(info.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

void reply(const Info& info, uint16_t wasi_errno) { info.GetReturnValue().Set(static_cast<uint32_t>(wasi_errno)); }

void getcwd(const Info& info) {
    auto& process = process_of(info);
    uint32_t buffer = u32(info, 0), capacity = u32(info, 1), length_at = u32(info, 2);
    GuestMemory memory(process);
    if (!memory.valid(length_at, 4) || !memory.valid(buffer, capacity))
        return reply(info, k_wasi_fault);
    auto cwd = process.kernel.getcwd(process.pid);
    if (cwd.is_error())
        return reply(info, to_wasi(cwd.error()));
    const std::string& path = cwd.value();
    memory.store<uint32_t>(length_at, static_cast<uint32_t>(path.size()));
    if (path.size() > capacity)
        return reply(info, k_wasi_range);
    std::memcpy(memory.at(buffer), path.data(), path.size());
    reply(info, k_wasi_success);
}

}  // namespace

void install_secure_exec_imports(v8::Isolate* isolate, v8::Local<v8::Context> context,
                                 v8::Local<v8::Object> namespace_object, WasiProcess& process) {
    auto data = v8::External::New(isolate, &process);
    auto function = v8::Function::New(context, getcwd, data).ToLocalChecked();
    namespace_object->Set(context, v8::String::NewFromUtf8Literal(isolate, SECURE_EXEC_ABI_GETCWD), function).Check();
}

}  // namespace secure_exec::wasm
