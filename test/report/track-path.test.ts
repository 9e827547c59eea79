import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccessorError, trackPath, valueAt } from "../../src/report/index.js";

describe("trackPath", () => {
  const data = {
    speed: { strategies: { "rule-based": { median: 2e6 } }, backends: ["a", "b", "c"] },
    findings: [{ message: "slow" }],
    hedging: null as { p99: number } | null,
  };

  it("returns the value and the property path the accessor followed", () => {
    expect(trackPath(data, (r) => r.speed.strategies["rule-based"].median)).toEqual({
      value: 2e6,
      path: ["speed", "strategies", "rule-based", "median"],
    });
    expect(trackPath(data, (r) => r.findings[0].message).path).toEqual([
      "findings",
      "0",
      "message",
    ]);
    expect(trackPath(data, (r) => r.speed.backends.length)).toEqual({
      value: 3,
      path: ["speed", "backends", "length"],
    });
  });

  it("stops at a missing value, with the path up to it", () => {
    expect(trackPath(data, (r) => r.findings[1].message)).toEqual({
      value: undefined,
      path: ["findings", "1"],
    });
    expect(trackPath(data, (r) => r.hedging?.p99)).toEqual({
      value: undefined,
      path: ["hedging"],
    });
  });

  it("refuses an accessor that is not one chain of property reads", () => {
    expect(() => trackPath(data, (r) => r.speed.backends.join(","))).toThrow(AccessorError);
    expect(() => trackPath(data, (r) => r.speed.backends.join(","))).toThrow(
      "called join() at speed.backends",
    );
    expect(() => trackPath(data, (r) => r.findings[0].message + r.speed.backends[0])).toThrow(
      /one property chain only/,
    );
    expect(() => trackPath({ "a.b": 1 }, (r) => r["a.b"])).toThrow(/holds a "\."/);
  });

  // The report writes the path into its provenance and the verifier replays it with valueAt
  // on the raw JSON: for any JSON tree and any chain of keys into it, the replay must give
  // the value the accessor read.
  it("records a path that valueAt replays to the same value", () => {
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !k.includes("."));
    const tree = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null)),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(key, tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, fc.array(fc.nat(), { maxLength: 6 }), (root, picks) => {
        // A chain of existing keys, chosen by `picks`, then the accessor that reads it.
        const keys: string[] = [];
        let node: unknown = root;
        for (const pick of picks) {
          if (node === null || typeof node !== "object") break;
          const own = Object.keys(node);
          if (own.length === 0) break;
          const k = own[pick % own.length];
          keys.push(k);
          node = (node as Record<string, unknown>)[k];
        }
        const read = (x: unknown): unknown =>
          keys.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], x);
        const wrapped = { root };
        const { value, path } = trackPath(wrapped, (r) => read(r.root));
        expect(path).toEqual(["root", ...keys]);
        const replayed = valueAt(wrapped, path.join("."));
        if (typeof replayed === "object" && replayed !== null) expect(value).toEqual(replayed);
        else expect(Object.is(value, replayed)).toBe(true);
      }),
    );
  });
});
