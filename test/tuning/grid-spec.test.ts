import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { createRouter } from "../../src/routing/index.js";
import {
  formatGridSpec,
  GridSpecError,
  gridCells,
  parseGridSpec,
  thompsonOptions,
} from "../../src/tuning/index.js";

describe("parseGridSpec", () => {
  it("parses global and per-type dimensions in order", () => {
    const grid = parseGridSpec(" strength = 1, 2,5 ; mean[similarity]=0.3,0.7;discount=1,0.99 ", {
      queryTypes: ["similarity", "personal"],
    });
    expect(grid.dimensions).toEqual([
      { key: "strength", parameter: "strength", values: [1, 2, 5] },
      { key: "mean[similarity]", parameter: "mean", queryType: "similarity", values: [0.3, 0.7] },
      { key: "discount", parameter: "discount", values: [1, 0.99] },
    ]);
    expect(formatGridSpec(grid)).toBe("strength=1,2,5;mean[similarity]=0.3,0.7;discount=1,0.99");
  });

  const bad: [string, RegExp][] = [
    ["", /empty/],
    ["strength", /no "="/],
    ["alpha=1", /unknown key "alpha"/],
    ["strength=1,,2", /empty value/],
    ["strength=0", /positive/],
    ["strength=abc", /positive/],
    ["mean=1.5", /\(0, 1\)/],
    ["mean=0", /\(0, 1\)/],
    ["discount=1.2", /\(0, 1\]/],
    ["window=2.5", /positive integer/],
    ["strength=1;strength=2", /twice/],
    ["mean=0.5,0.5", /value twice/],
    ["discount=0.9;window=100", /not both/],
    ["discount[personal]=0.9", /global/],
    ["mean[bogus]=0.5", /query type "bogus"/],
  ];
  for (const [text, problem] of bad) {
    it(`rejects ${JSON.stringify(text)} and shows the expected form`, () => {
      let error: unknown;
      try {
        parseGridSpec(text, { queryTypes: ["personal"] });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(GridSpecError);
      expect(error).toBeInstanceOf(UsageError); // so the CLI exits 2
      expect((error as Error).message).toMatch(problem);
      expect((error as Error).message).toMatch(/expected KEY=V1,V2.*strength=1,2,5,10;mean=/);
    });
  }

  it("round-trips through formatGridSpec", () => {
    const values = (min: number, max: number) =>
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(values(1, 50), values(1, 99), values(90, 100), (s, m, d) => {
        const text = `strength=${s.join(",")};mean=${m.map((x) => x / 100).join(",")};discount=${d.map((x) => x / 100).join(",")}`;
        const grid = parseGridSpec(text);
        expect(parseGridSpec(formatGridSpec(grid))).toEqual(grid);
        expect(gridCells(grid)).toHaveLength(s.length * m.length * d.length);
      }),
    );
  });
});

describe("gridCells and thompsonOptions", () => {
  it("builds every combination with unique ids and priors α = m·s, β = (1 − m)·s", () => {
    const cells = gridCells(parseGridSpec("strength=2,10;mean[personal]=0.2,0.9;window=100"));
    expect(cells.map((c) => c.id)).toEqual([
      "strength=2,mean[personal]=0.2,window=100",
      "strength=2,mean[personal]=0.9,window=100",
      "strength=10,mean[personal]=0.2,window=100",
      "strength=10,mean[personal]=0.9,window=100",
    ]);
    const options = thompsonOptions(cells[2].setting);
    expect(options.window).toBe(100);
    expect(options.discount).toBeUndefined();
    expect(options.priors.default).toEqual({ alpha: 5, beta: 5 });
    expect(options.priors.byType?.personal.alpha).toBeCloseTo(2, 12);
    expect(options.priors.byType?.personal.beta).toBeCloseTo(8, 12);
  });

  it("gives options the Thompson router accepts, starting at the priors", () => {
    const [cell] = gridCells(
      parseGridSpec("strength=4;mean=0.25;mean[personal]=0.75;discount=0.99"),
    );
    const router = createRouter("thompson", { ...thompsonOptions(cell.setting), seed: 1 });
    expect(router.posterior("similarity", ["qdrant"])[0]).toMatchObject({ alpha: 1, beta: 3 });
    expect(router.posterior("personal", ["qdrant"])[0]).toMatchObject({ alpha: 3, beta: 1 });
  });
});
