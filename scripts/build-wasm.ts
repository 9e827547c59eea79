/**
 * `npm run build:wasm`: assembles every WebAssembly text source in src/ into the TypeScript
 * module that carries its bytes (see scripts/wasm-module.ts). Run it after editing a `.wat`.
 */
import { writeFileAtomic } from "../src/io/atomic-write.js";
import { root } from "./jupyter-env.js";
import { renderWasmModule, WASM_SOURCES } from "./wasm-module.js";

for (const source of WASM_SOURCES) {
  writeFileAtomic(`${root}/${source.ts}`, await renderWasmModule(root, source));
  console.log(`build:wasm: ${source.wat} -> ${source.ts}`);
}
