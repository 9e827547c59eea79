import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { labSettings, projectRoot } from "../../src/lab/settings.js";

describe("labSettings", () => {
  it("writes the committed results/ only with LAB_WRITE_RESULTS=1 in full mode", () => {
    expect(labSettings({}).resultsDir).toBe(join(projectRoot, ".cache/results"));
    expect(labSettings({ LAB_WRITE_RESULTS: "0" }).resultsDir).toBe(
      join(projectRoot, ".cache/results"),
    );
    expect(labSettings({ LAB_WRITE_RESULTS: "1" }).resultsDir).toBe(join(projectRoot, "results"));
  });

  it("keeps quick runs in .cache/quick-results/, even with LAB_WRITE_RESULTS=1", () => {
    const s = labSettings({ LAB_QUICK: "1", LAB_WRITE_RESULTS: "1" });
    expect(s.quick).toBe(true);
    expect(s.resultsDir).toBe(join(projectRoot, ".cache/quick-results"));
    expect(s.figuresDir).toBe(join(projectRoot, ".cache/quick-results/figures"));
  });

  it("lets LAB_RESULTS choose the folder and LAB_SEED the seed", () => {
    const s = labSettings({ LAB_RESULTS: "/tmp/x", LAB_SEED: "7", LAB_WRITE_RESULTS: "1" });
    expect(s).toEqual({
      quick: false,
      seed: 7,
      resultsDir: "/tmp/x",
      figuresDir: "/tmp/x/figures",
    });
    expect(() => labSettings({ LAB_SEED: "1.5" })).toThrow(/LAB_SEED must be an integer/);
  });

  it("reads LAB_REDIS_URL for the notebooks' queue sections, and leaves it out when unset", () => {
    expect(labSettings({ LAB_REDIS_URL: "redis://127.0.0.1:6390" }).redisUrl).toBe(
      "redis://127.0.0.1:6390",
    );
    expect("redisUrl" in labSettings({})).toBe(false);
    expect("redisUrl" in labSettings({ LAB_REDIS_URL: "" })).toBe(false);
  });
});
