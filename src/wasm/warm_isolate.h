// warm_isolate.h — a pooled isolate together with what every process on it would otherwise
// build again: a context, and the import object (wasi_snapshot_preview1 and secure_exec).
// Creating those took about half of a short program's spawn. Sharing them between processes is
// safe because guest wasm never runs JS and cannot reach the global object or the import
// functions themselves: a process's state lives in its instance and memory, which are garbage
// once it is gone, and the import functions find the current process through the isolate's data
// slot (import_call.h), which the driver sets for the duration of each process.
// Thread safety: as v8_layer::Isolate — one thread at a time, holding the isolate's Locker for
// context() and imports().
#pragma once

#include <v8.h>

#include "v8/isolate.h"

namespace secure_exec::wasm {

class WarmIsolate {
public:
    explicit WarmIsolate(const v8_layer::IsolateOptions& options) : m_isolate(options) {}
    // Drops the kept handles under the isolate's lock, then disposes the isolate.
    ~WarmIsolate();
    WarmIsolate(const WarmIsolate&) = delete;
    WarmIsolate& operator=(const WarmIsolate&) = delete;

    v8_layer::Isolate& isolate() { return m_isolate; }
    v8::Isolate* get() const { return m_isolate.get(); }

    // The kept context, made on first use. Needs a HandleScope.
    v8::Local<v8::Context> context();
    // The import object for instantiation, made on first use. Needs a HandleScope and the
    // context entered.
    v8::Local<v8::Object> imports(v8::Local<v8::Context> context);

private:
    v8_layer::Isolate m_isolate;
    v8::Global<v8::Context> m_context;
    v8::Global<v8::Object> m_imports;
};

}  // namespace secure_exec::wasm
