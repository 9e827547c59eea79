import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Assignable } from "../../../src/report/schemas/index.js";
import { estimateSchema } from "../../../src/report/schemas/index.js";
import { type Estimate, meanInterval } from "../../../src/stats/index.js";

describe("estimateSchema", () => {
  // Whatever meanInterval returns (no values: all NaN; one: no interval; more: a t-interval),
  // writing it as JSON and reading it back through the schema gives the same estimate.
  it("reads back every estimate meanInterval writes, NaN included", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      fc.constant(Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 8 }), (values) => {
        const written = meanInterval(values);
        const read = estimateSchema.parse(JSON.parse(JSON.stringify(written)));
        for (const key of ["mean", "lo", "hi", "sd", "n"] as const) {
          expect(Object.is(read[key], written[key]) || read[key] === written[key]).toBe(true);
        }
      }),
    );
  });

  it("names a renamed field at run time, and the type check refuses it at compile time", () => {
    const { mean, ...rest } = estimateSchema.shape;
    const renamed = z.object({ ...rest, average: mean });
    // @ts-expect-error a schema whose `mean` is called `average` does not agree with Estimate
    type _Renamed = Assignable<z.output<typeof renamed>, Estimate>;
    const result = renamed.safeParse(JSON.parse(JSON.stringify(meanInterval([1, 2, 3]))));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["average"]);
  });
});
