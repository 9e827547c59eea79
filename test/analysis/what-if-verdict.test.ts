import { describe, expect, it } from "vitest";
import { whatIfVerdict } from "../../src/analysis/what-if-verdict.js";
import type { WhatIfOutcome } from "../../src/profiling/index.js";

describe("whatIfVerdict", () => {
  const outcome = (improved: boolean, tradeOff?: string) =>
    ({ improved, ...(tradeOff === undefined ? {} : { tradeOff }) }) as WhatIfOutcome;

  it("reads improvement and trade-off", () => {
    expect(whatIfVerdict(undefined)).toBe("not-simulated");
    expect(whatIfVerdict(outcome(false))).toBe("refuted");
    expect(whatIfVerdict(outcome(false, "SLO attainment falls"))).toBe("refuted");
    expect(whatIfVerdict(outcome(true))).toBe("verified");
    expect(whatIfVerdict(outcome(true, "SLO attainment falls"))).toBe("trade-off");
  });
});
