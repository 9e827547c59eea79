import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RoutingInputError } from "../../src/routing/errors.js";
import { STRATEGY_NAMES } from "../../src/routing/registry.js";
import { parseStrategySpec, strategyOptionKeys } from "../../src/routing/strategy-spec.js";

// The strategies table of the scenario README, which documents every key.
const README = readFileSync(new URL("../../data/scenarios/README.md", import.meta.url), "utf8");
const TABLE = README.slice(README.indexOf("## Strategies and their options")).split("\n### ")[0];

/** The thrown error's field and message, or undefined when nothing is thrown. */
function failure(text: string): { field: string; message: string } | undefined {
  try {
    parseStrategySpec(text);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(RoutingInputError);
    const e = err as RoutingInputError;
    return { field: e.field, message: e.message };
  }
}

describe("parseStrategySpec", () => {
  it("reads a bare name, and a name with an empty option list", () => {
    expect(parseStrategySpec("thompson")).toEqual({ name: "thompson", options: {} });
    expect(parseStrategySpec("  ucb1:  ")).toEqual({ name: "ucb1", options: {} });
  });

  it("reads the documented examples into option fields", () => {
    expect(parseStrategySpec("thompson:prior=2.5/2.5,discount=0.999")).toEqual({
      name: "thompson",
      options: { priors: { alpha: 2.5, beta: 2.5 }, discount: 0.999 },
    });
    expect(parseStrategySpec("epsilon-greedy:epsilon=0.05").options).toEqual({ epsilon: 0.05 });
    expect(parseStrategySpec("d-ucb:discount=0.995").options).toEqual({ discount: 0.995 });
    expect(parseStrategySpec("linucb: alpha = 0.5 , dimension=32").options).toEqual({
      alpha: 0.5,
      dimension: 32,
    });
    expect(parseStrategySpec("peak-ewma:choices=all,decayMs=5e3").options).toEqual({
      choices: "all",
      decayMs: 5000,
    });
  });

  it("adaptive-pattern's lambda sets callCost (linucb's lambda is its regulariser)", () => {
    expect(parseStrategySpec("adaptive-pattern:lambda=0.2").options).toEqual({ callCost: 0.2 });
    expect(parseStrategySpec("linucb:lambda=0.2").options).toEqual({ lambda: 0.2 });
  });

  it("trims spaces around the name as it does around keys and values", () => {
    expect(parseStrategySpec(" thompson : window = 3 ")).toEqual({
      name: "thompson",
      options: { window: 3 },
    });
  });

  it("takes always:<backend> whole as a name", () => {
    expect(parseStrategySpec(" always:qdrant ")).toEqual({ name: "always:qdrant", options: {} });
  });

  it("a decimal value reads back as the number it prints", () => {
    const x = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(x, (v) => {
        expect(parseStrategySpec(`ucb1:exploration=${v}`).options.exploration).toBe(
          v === 0 ? 0 : v,
        );
      }),
    );
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (w, c) => {
        expect(parseStrategySpec(`thompson:window=${w},coldStart=${c}`).options).toEqual({
          window: w,
          coldStart: c,
        });
      }),
    );
  });

  it("names an unknown strategy and lists the valid ones", () => {
    const f = failure("thomson:prior=1/1");
    expect(f?.field).toBe("strategy");
    expect(f?.message).toMatch(
      /unknown strategy "thomson"; valid names: .*thompson.*always:<backend>/,
    );
    // Inherited object keys are not strategies.
    expect(failure("toString")?.field).toBe("strategy");
  });

  it("names the strategy and the bad key, listing its valid keys", () => {
    expect(failure("ucb1:alpha=1")).toEqual({
      field: "ucb1",
      message: 'ucb1: has no option "alpha"; valid: exploration, discount, window, coldStart',
    });
    expect(failure("random:seed=3")?.message).toMatch(/has no option "seed"; valid: none$/);
    expect(failure("thompson:constructor=1")?.message).toMatch(/has no option "constructor"/);
  });

  it("names a part that is not key=value, including an empty one", () => {
    expect(failure("thompson:window")?.message).toBe('thompson: option "window" must be key=value');
    expect(failure("thompson:=3")?.message).toMatch(/option "=3" must be key=value/);
    expect(failure("thompson:window=3,")?.message).toMatch(/option "" must be key=value/);
  });

  it("refuses a key given twice", () => {
    expect(failure("ucb1:window=3,window=4")?.message).toBe("ucb1: option window is given twice");
  });

  it("refuses values that are not decimal numbers, naming key and value", () => {
    for (const v of ["", "0x10", "Infinity", "NaN", "1e", ".", "1_000", "abc", "0b1"]) {
      expect(failure(`ucb1:exploration=${v}`)?.message).toBe(
        `ucb1: option exploration must be a number, got "${v}"`,
      );
    }
  });

  it("refuses non-integers and unsafe integers where the option counts something", () => {
    for (const v of ["2.5", "1e3", "9007199254740993", "x"]) {
      expect(failure(`sw-ucb:window=${v}`)?.message).toBe(
        `sw-ucb: option window must be an integer, got "${v}"`,
      );
    }
  });

  it("prior must be α/β with decimal parts", () => {
    expect(failure("thompson:prior=2")?.message).toMatch(/option prior must be α\/β .*got "2"/);
    expect(failure("thompson:prior=1/2/3")?.message).toMatch(/must be α\/β/);
    expect(failure("thompson:prior=1/x")?.message).toMatch(
      /option prior must be a number, got "x"/,
    );
  });
});

describe("strategyOptionKeys", () => {
  it("lists a strategy's keys, undefined for unknown or inherited names", () => {
    expect(strategyOptionKeys("linucb")).toEqual(["alpha", "lambda", "dimension", "hashSeed"]);
    expect(strategyOptionKeys("random")).toEqual([]);
    expect(strategyOptionKeys("nope")).toBeUndefined();
    expect(strategyOptionKeys("hasOwnProperty")).toBeUndefined();
  });

  it("covers exactly the registry's names, and every key is documented in its README row", () => {
    for (const name of STRATEGY_NAMES.filter((n) => !n.startsWith("always:"))) {
      const keys = strategyOptionKeys(name);
      expect(keys, name).toBeDefined();
      const row = TABLE.split("\n").find((l) => l.split("|")[1]?.includes(`\`${name}\``));
      expect(row, `README row of ${name}`).toBeDefined();
      for (const key of keys ?? []) expect(row, `${name}: ${key}`).toContain(`\`${key}\``);
    }
  });
});
