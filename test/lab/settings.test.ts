import { describe, expect, it } from "vitest";
import { labSettings } from "../../src/lab/settings.js";

describe("labSettings", () => {
  it("reads LAB_REDIS_URL for the notebooks' queue sections, and leaves it out when unset", () => {
    expect(labSettings({ LAB_REDIS_URL: "redis://127.0.0.1:6390" }).redisUrl).toBe(
      "redis://127.0.0.1:6390",
    );
    expect("redisUrl" in labSettings({})).toBe(false);
    expect("redisUrl" in labSettings({ LAB_REDIS_URL: "" })).toBe(false);
  });

  it("reads quick mode and the seed, and refuses a seed that is not an integer", () => {
    expect(labSettings({ LAB_QUICK: "1", LAB_SEED: "7" })).toMatchObject({ quick: true, seed: 7 });
    expect(() => labSettings({ LAB_SEED: "x" })).toThrow(/LAB_SEED must be an integer/);
  });
});
