import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The library's layers, bottom to top (README, "Layout"). A module may import from its own
 * folder or from a folder of a LOWER layer, never sideways or up. Keep this table and the
 * README's diagram in step.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["random", "io", "errors.ts", "stats", "sketch", "format", "lab", "types"],
  ["traces"],
  ["routing"],
  ["patterns"],
  ["profiling"],
  ["sim", "execution"],
  ["calibration", "tuning", "queue", "ope"],
  ["analysis"],
  ["bench"],
  ["studies"],
  ["plot", "report"],
  ["cli", "index.ts"],
  ["cli.ts"],
];

const SRC = join(import.meta.dirname, "..", "src");
const rank = new Map<string, number>();
LAYERS.forEach((layer, i) => {
  for (const unit of layer) rank.set(unit, i);
});

/** The top-level unit of a path under src/: its folder, or the file itself at the top. */
function unitOf(path: string): string {
  return relative(SRC, path).split(sep)[0].replace(/\.js$/, ".ts");
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import and re-export of a file, resolved to a path under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1],
  );
  return specs.map((s) => normalize(join(dirname(file), s)));
}

const edges = sourceFiles(SRC).flatMap((file) =>
  importsOf(file).map((target) => ({ file, from: unitOf(file), to: unitOf(target) })),
);

/** The edges that point sideways or up, as `file → unit`. */
function upward(list: readonly { file: string; from: string; to: string }[]): string[] {
  return list
    .filter((e) => e.from !== e.to && !(rank.get(e.to)! < rank.get(e.from)!))
    .map((e) => `${relative(SRC, e.file)} → ${e.to}`);
}

describe("layers", () => {
  it("places every folder of src/ in a layer", () => {
    const units = readdirSync(SRC);
    expect(units.filter((u) => !rank.has(u))).toEqual([]);
  });

  it("has no import pointing sideways or up", () => {
    expect(upward(edges)).toEqual([]);
  });

  it("catches an upward import (the check can fail)", () => {
    const file = join(SRC, "routing", "x.ts");
    expect(upward([{ file, from: "routing", to: "sim" }])).toEqual(["routing/x.ts → sim"]);
    expect(upward([{ file, from: "routing", to: "traces" }])).toEqual([]);
    // Sideways is refused too: sim and execution share a layer.
    expect(upward([{ file, from: "sim", to: "execution" }])).toHaveLength(1);
    expect(edges.length).toBeGreaterThan(100);
  });
});
