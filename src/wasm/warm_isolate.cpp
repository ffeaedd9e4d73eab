#include "wasm/warm_isolate.h"

#include "wasm/wasi_process.h"

namespace secure_exec::wasm {

WarmIsolate::~WarmIsolate() {
    v8::Locker locker(get());
    v8::Isolate::Scope scope(get());
    m_imports.Reset();
    m_context.Reset();
}

v8::Local<v8::Context> WarmIsolate::context() {
    v8::Isolate* isolate = get();
    if (m_context.IsEmpty())
        m_context.Reset(isolate, v8::Context::New(isolate));
    return m_context.Get(isolate);
}

v8::Local<v8::Object> WarmIsolate::imports(v8::Local<v8::Context> context) {
    v8::Isolate* isolate = get();
    if (!m_imports.IsEmpty())
        return m_imports.Get(isolate);
    auto key = [&](const char* text) { return v8::String::NewFromUtf8(isolate, text).ToLocalChecked(); };
    auto wasi = v8::Object::New(isolate);
    install_preview1(isolate, context, wasi);
    auto extensions = v8::Object::New(isolate);
    install_secure_exec_imports(isolate, context, extensions);
    auto imports = v8::Object::New(isolate);
    imports->Set(context, key("wasi_snapshot_preview1"), wasi).Check();
    imports->Set(context, key("secure_exec"), extensions).Check();
    m_imports.Reset(isolate, imports);
    return imports;
}

}  // namespace secure_exec::wasm
