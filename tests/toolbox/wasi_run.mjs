// Runs a wasm32-wasi program under the host's Node.js WASI (preview1), with `root` preopened as
// "/", and exits with the program's exit code. Used to check the toolbox against the host's GNU
// tools until secure-exec's own WasmVM driver runs it.
//   node wasi_run.mjs PROGRAM.wasm ROOT ARGV0 [ARG]...
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [program, root, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args, env: {}, preopens: { '/': root }, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(program));
// The secure_exec module is secure-exec's own; under plain WASI its calls report ENOSYS (52), and
// toolbox/sys falls back to wasi-libc.
const secure_exec = {};
for (const entry of WebAssembly.Module.imports(module))
  if (entry.module === 'secure_exec') secure_exec[entry.name] = () => 52;
const instance = new WebAssembly.Instance(module, { ...wasi.getImportObject(), secure_exec });
process.exitCode = wasi.start(instance);
