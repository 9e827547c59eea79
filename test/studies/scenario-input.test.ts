import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/lab/settings.js";
import { loadScenario } from "../../src/sim/scenario/load.js";
import { parseScenario } from "../../src/sim/scenario/parse.js";
import { studyScenario } from "../../src/studies/scenario-input.js";

const FILE = join(projectRoot, "data", "scenarios", "default.json");

describe("studyScenario", () => {
  it("shows a path, or the file a loaded scenario came from, relative to the project root", () => {
    const fromPath = studyScenario(FILE);
    expect(fromPath.source).toBe(join("data", "scenarios", "default.json"));
    const loaded = loadScenario(FILE);
    const fromObject = studyScenario(loaded);
    expect(fromObject.scenario).toBe(loaded);
    expect(fromObject).toEqual(fromPath);
  });

  it("labels a scenario that has no file by its name", () => {
    const copy = structuredClone(loadScenario(FILE));
    expect(studyScenario(copy).source).toBe(`scenario ${JSON.stringify(copy.name)}`);
    const parsed = parseScenario(structuredClone(copy), "inline.json");
    expect(studyScenario(parsed).source).toBe("inline.json");
  });
});
