import { describe, expect, it } from "vitest";
import { jsonNumber } from "../../../src/report/schemas/index.js";

describe("jsonNumber", () => {
  it("reads a number as is and null (NaN or ±Infinity in JSON) as NaN", () => {
    expect(jsonNumber.parse(2.5)).toBe(2.5);
    expect(jsonNumber.parse(JSON.parse(JSON.stringify(-0)))).toBe(0);
    expect(jsonNumber.parse(JSON.parse(JSON.stringify(Number.NaN)))).toBeNaN();
    expect(jsonNumber.parse(JSON.parse(JSON.stringify(Number.POSITIVE_INFINITY)))).toBeNaN();
  });

  it("refuses what JSON.stringify never writes for a number", () => {
    expect(jsonNumber.safeParse("1").success).toBe(false);
    expect(jsonNumber.safeParse(undefined).success).toBe(false);
    expect(jsonNumber.safeParse(true).success).toBe(false);
  });
});
