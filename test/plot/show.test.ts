import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { show } from "../../src/plot/show.js";

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>';
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("show", () => {
  it("displays the figure and saves it under its name in the figures folder", () => {
    dir = mkdtempSync(join(tmpdir(), "show-"));
    const shown: string[] = [];
    const result = show(svg, "00-test", {
      settings: { figuresDir: join(dir, "figures") },
      display: (m) => shown.push(m),
    });
    expect(result).toBeUndefined();
    expect(shown).toEqual([svg]);
    expect(readFileSync(join(dir, "figures", "00-test.svg"), "utf8")).toBe(svg);
  });

  it("only displays without a name", () => {
    dir = mkdtempSync(join(tmpdir(), "show-"));
    const shown: string[] = [];
    show(svg, undefined, { settings: { figuresDir: dir }, display: (m) => shown.push(m) });
    expect(shown).toHaveLength(1);
    expect(existsSync(join(dir, "undefined.svg"))).toBe(false);
  });

  it("outside a notebook kernel saves without displaying", () => {
    dir = mkdtempSync(join(tmpdir(), "show-"));
    show(svg, "quiet", { settings: { figuresDir: dir } });
    expect(existsSync(join(dir, "quiet.svg"))).toBe(true);
  });

  it("refuses a name that is a path or carries the extension", () => {
    const display = () => {};
    expect(() => show(svg, "../x", { display })).toThrow(RangeError);
    expect(() => show(svg, "a/b", { display })).toThrow(RangeError);
    expect(() => show(svg, "x.svg", { display })).toThrow(/without "\.svg"/);
  });
});
