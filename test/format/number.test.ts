import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatLevel,
  formatMs,
  formatPercent,
  formatRatio,
} from "../../src/format/number.js";

const NOT_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

describe("formatMs", () => {
  it("keeps at most three significant figures, with the unit", () => {
    expect(formatMs(410.4)).toBe("410 ms");
    expect(formatMs(12_345.6)).toBe("12,346 ms");
    expect(formatMs(35.24)).toBe("35.2 ms");
    expect(formatMs(3.14259)).toBe("3.14 ms");
    expect(formatMs(0.5234)).toBe("0.52 ms");
    expect(formatMs(-35.24)).toBe("-35.2 ms");
  });

  it("reads back within its rounding: 0.5 % from 1 ms up, 5 % below (two figures)", () => {
    // From 1 ms up the last kept digit is ≥ 1/100 of the value (100–999 → units, 10–99.9 →
    // tenths, 1–9.99 → hundredths), so rounding moves it by ≤ 0.5 %; below 1 ms two
    // significant figures move it by ≤ 0.05/1 = 5 %.
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (ms) => {
        const text = formatMs(ms);
        expect(text.endsWith(" ms")).toBe(true);
        const back = Number(text.slice(0, -3).replaceAll(",", ""));
        expect(Math.abs(back / ms - 1)).toBeLessThanOrEqual(ms >= 1 ? 0.005 : 0.05);
      }),
    );
  });

  it("prints – for NaN and infinities", () => {
    for (const x of NOT_FINITE) expect(formatMs(x)).toBe("–");
  });
});

describe("formatPercent, formatCount and formatRatio", () => {
  it("format a fraction, a count and a ratio", () => {
    expect(formatPercent(0.051)).toBe("5.1 %");
    expect(formatPercent(0.05123, 2)).toBe("5.12 %");
    expect(formatCount(1_000_000)).toBe("1,000,000");
    expect(formatCount(1234.6)).toBe("1,235");
    expect(formatRatio(2.049)).toBe("2.05×");
  });

  it("print – for NaN and infinities, one convention for all", () => {
    for (const x of NOT_FINITE) {
      expect(formatPercent(x)).toBe("–");
      expect(formatCount(x)).toBe("–");
      expect(formatRatio(x)).toBe("–");
    }
  });

  it("count: drops only the separators, so the digits read back as the rounded count", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(Number(formatCount(n).replaceAll(",", ""))).toBe(n);
      }),
    );
  });
});

describe("formatLevel", () => {
  it("gives a confidence level as many decimals as it needs, up to two, without trailing zeros", () => {
    expect(formatLevel(0.95)).toBe("95 %");
    expect(formatLevel(0.975)).toBe("97.5 %");
    expect(formatLevel(1 - 0.05 / 4)).toBe("98.8 %"); // one decimal up to 99.5 %
    expect(formatLevel(0.999)).toBe("99.9 %");
    expect(formatLevel(1 - 0.05 / 11)).toBe("99.55 %");
    expect(formatLevel(0.996)).toBe("99.6 %");
  });
});
