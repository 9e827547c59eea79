import { describe, expect, it } from "vitest";
import { reportBenchSections } from "../../../src/bench/index.js";
import { reportBenchSectionsSchema } from "../../../src/report/schemas/index.js";

describe("benchSchema", () => {
  // Section ids are runtime strings: the types cannot tie them to the schema's keys.
  it("names exactly the sections the report's bench run writes", () => {
    expect(Object.keys(reportBenchSectionsSchema.shape)).toEqual(
      reportBenchSections.map((s) => s.id),
    );
  });
});
