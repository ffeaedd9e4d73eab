// The oracle for check_third_party.sh: runs a wasm32-wasi program under host node's own WASI
// (preview1) once per case, all in one node process so the module is compiled once.
//   node --expose-gc wasi_oracle.mjs PROGRAM.wasm ROOT CASES_DIR ARGV0 NAME...
// ROOT is preopened as "/". For each NAME, CASES_DIR/NAME.args holds the arguments (each ended
// by a NUL) and CASES_DIR/NAME.in the standard input; the case writes NAME.out, NAME.err and
// NAME.code (the exit code) there.
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

const [program, root, cases, argv0, ...names] = process.argv.slice(2);
const module = new WebAssembly.Module(readFileSync(program));
// A plain preview1 command: `_start`, and imports from wasi_snapshot_preview1 only.
const foreign = WebAssembly.Module.imports(module).filter((i) => i.module !== 'wasi_snapshot_preview1');
if (foreign.length || !WebAssembly.Module.exports(module).some((e) => e.name === '_start')) {
  console.error(`${program}: not a WASI preview1 command module`, foreign.slice(0, 3));
  process.exit(1);
}
for (const name of names) {
  const args = readFileSync(join(cases, `${name}.args`), 'utf8').split('\0').slice(0, -1);
  const stdin = openSync(join(cases, `${name}.in`), 'r');
  const stdout = openSync(join(cases, `${name}.out`), 'w');
  const stderr = openSync(join(cases, `${name}.err`), 'w');
  const wasi = new WASI({
    version: 'preview1', args: [argv0, ...args], env: {}, preopens: { '/': root }, returnOnExit: true,
    stdin, stdout, stderr,
  });
  let code;
  try {
    code = wasi.start(new WebAssembly.Instance(module, wasi.getImportObject()));
  } catch (error) {
    writeFileSync(stderr, `wasm trap: ${error}\n`);
    code = 134;
  }
  for (const fd of [stdin, stdout, stderr]) closeSync(fd);
  writeFileSync(join(cases, `${name}.code`), `${code}\n`);
  // Node 20 crashes (SIGSEGV) when a later case's run meets the collection of several earlier
  // Go instances; collecting each one here, between runs, avoids it.
  globalThis.gc();
}
