import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pathFromRoot } from "../../src/lab/path-from-root.js";
import { projectRoot } from "../../src/lab/settings.js";

describe("pathFromRoot", () => {
  it("shows a path inside the project relative to its root, however it was given", () => {
    const file = join(projectRoot, "data", "scenarios", "default.json");
    expect(pathFromRoot(file)).toBe(join("data", "scenarios", "default.json"));
    expect(pathFromRoot(join(projectRoot, "data", "..", "data", "x.json"))).toBe(
      join("data", "x.json"),
    );
  });

  it("keeps a path outside the project absolute", () => {
    const outside = resolve(projectRoot, "..", "elsewhere", "x.json");
    expect(pathFromRoot(outside)).toBe(outside);
  });
});
