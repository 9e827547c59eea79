import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contrastRatio, relativeLuminance } from "../../src/plot/figures/contrast.js";
import {
  CATEGORY_COLORS,
  categoryColors,
  DATA_PALETTES,
  DECORATION_COLORS,
  HEATMAP_SCHEMES,
} from "../../src/plot/figures/palette.js";
import { REPO_ROOT } from "../cli/spawn-cli.js";

// WCAG 2.1 SC 1.4.11 (non-text contrast): graphics a reader needs, such as a line or a point
// of a chart, need a contrast of at least 3:1 against what is next to them, here the white
// background of every figure.
const MIN_CONTRAST = 3;

const figuresDir = join(REPO_ROOT, "src/plot/figures");
const figureSources = readdirSync(figuresDir)
  .filter((f) => f.endsWith(".ts") && f !== "palette.ts" && f !== "contrast.ts")
  .map((f) => ({ file: f, text: readFileSync(join(figuresDir, f), "utf8") }));

describe("contrastRatio", () => {
  it("gives WCAG's reference values", () => {
    expect(relativeLuminance("#ffffff")).toBe(1);
    expect(relativeLuminance("#000")).toBe(0);
    expect(contrastRatio("#000000")).toBeCloseTo(21, 10);
    expect(contrastRatio("#fff")).toBe(1);
    // #767676 is the lightest grey with 4.5:1 on white, #777777 falls just short.
    expect(contrastRatio("#767676")).toBeGreaterThan(4.5);
    expect(contrastRatio("#777777")).toBeLessThan(4.5);
    // Symmetric in its arguments.
    expect(contrastRatio("#4e79a7", "#222222")).toBeCloseTo(contrastRatio("#222222", "#4e79a7"));
    expect(() => relativeLuminance("red")).toThrow(RangeError);
  });
});

describe("figure palettes", () => {
  for (const [name, colors] of Object.entries(DATA_PALETTES)) {
    it(`${name}: every colour has a contrast of at least ${MIN_CONTRAST}:1 on white`, () => {
      const weak = colors
        .map((c) => ({ c, ratio: Number(contrastRatio(c).toFixed(2)) }))
        .filter((x) => x.ratio < MIN_CONTRAST);
      expect(weak).toEqual([]);
    });
  }

  it("categoryColors cycles through the category palette", () => {
    const n = CATEGORY_COLORS.length;
    expect(categoryColors(n + 2)).toEqual([...CATEGORY_COLORS, ...CATEGORY_COLORS.slice(0, 2)]);
  });

  it("every colour a figure names is legible on white or a declared decoration", () => {
    const weak = figureSources.flatMap(({ file, text }) =>
      [...text.matchAll(/"(#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)"/g)]
        .map((m) => m[1])
        .filter((c) => !DECORATION_COLORS.includes(c) && contrastRatio(c) < MIN_CONTRAST)
        .map((c) => `${file}: ${c} (${contrastRatio(c).toFixed(2)}:1)`),
    );
    expect(weak).toEqual([]);
  });

  it("Plot's colour schemes appear only for heatmaps (viridis' yellow is 1.3:1 on white)", () => {
    const schemes = figureSources.flatMap(({ file, text }) =>
      [...text.matchAll(/scheme:\s*"([^"]+)"/g)]
        .map((m) => m[1])
        .filter((s) => !HEATMAP_SCHEMES.includes(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(schemes).toEqual([]);
  });
});
