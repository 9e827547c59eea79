import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPatternSpec, parsePatternSpec } from "../../src/patterns/index.js";
import { patternSpecs as patterns } from "../support/pattern-arbitrary.js";

describe("parsePatternSpec and formatPatternSpec", () => {
  it("round-trips through the compact text form", () => {
    fc.assert(
      fc.property(patterns, (spec) => {
        expect(parsePatternSpec(formatPatternSpec(spec))).toEqual(spec);
      }),
      { seed: 3 },
    );
  });

  it("rejects unknown patterns and options by name", () => {
    expect(() => parsePatternSpec("fanout")).toThrow(/unknown pattern "fanout"/);
    expect(() => parsePatternSpec("hedged:delay=soon")).toThrow(/delay/);
    expect(() => parsePatternSpec("chain:depth=2")).toThrow(/no option "depth"/);
  });
});

describe("pattern options", () => {
  it("refuses an option given twice, naming it", () => {
    expect(() => parsePatternSpec("hedged:delay=1,delay=2")).toThrow(
      "pattern option delay is given twice",
    );
    expect(() => parsePatternSpec("parallel:k=1,rule=first-k,k=1")).toThrow(
      "pattern option k is given twice",
    );
  });

  it("refuses names inherited from Object.prototype as patterns", () => {
    expect(() => parsePatternSpec("constructor")).toThrow('unknown pattern "constructor"');
  });
});
