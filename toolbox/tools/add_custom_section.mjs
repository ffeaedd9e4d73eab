// Appends a custom section to a wasm binary in place: node add_custom_section.mjs FILE.wasm NAME CONTENT_FILE
// (a custom section is id 0, its size, then the name and the payload; engines ignore it).
import { readFileSync, writeFileSync } from 'node:fs';

const [file, name, contentFile] = process.argv.slice(2);
const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
const nameBytes = Buffer.from(name, 'utf8');
const payload = Buffer.concat([Buffer.from(leb(nameBytes.length)), nameBytes, readFileSync(contentFile)]);
writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0, ...leb(payload.length)]), payload]));
