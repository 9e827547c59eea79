import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { root } from "../../scripts/jupyter-env.js";
import { renderWasmModule, WASM_SOURCES } from "../../scripts/wasm-module.js";

describe("WebAssembly sources", () => {
  for (const source of WASM_SOURCES) {
    it(`${source.ts} is ${source.wat}, assembled (else run npm run build:wasm)`, async () => {
      const committed = readFileSync(`${root}/${source.ts}`, "utf8");
      expect(committed).toBe(await renderWasmModule(root, source));
    });
  }
});
