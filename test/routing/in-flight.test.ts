import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InFlight } from "../../src/routing/in-flight.js";
import { NameIndex } from "../../src/routing/name-index.js";

describe("InFlight", () => {
  it("counts starts minus ends per backend, never below zero, growing past its first 8", () => {
    const ops = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), {
      maxLength: 200,
    });
    fc.assert(
      fc.property(ops, (steps) => {
        const f = new InFlight(new NameIndex());
        const model = new Map<string, number>();
        for (const [k, start] of steps) {
          const name = `b${k}`;
          const b = f.indexOf(name);
          const now = model.get(name) ?? 0;
          if (start) f.start(b);
          else f.end(b);
          model.set(name, start ? now + 1 : Math.max(0, now - 1));
        }
        for (const [name, count] of model) expect(f.counts[f.indexOf(name)]).toBe(count);
      }),
    );
  });

  it("shares the router's backend numbering", () => {
    const names = new NameIndex(["a", "b"]);
    const f = new InFlight(names);
    expect(f.indexOf("b")).toBe(1);
    expect(f.indexOf("c")).toBe(2);
    expect(names.find("c")).toBe(2);
  });
});
