import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  clearOutputs,
  dirtyCells,
  notebookPaths,
  readNotebook,
} from "../../scripts/notebook-file.js";
import { projectRoot } from "../../src/lab/index.js";

const paths = notebookPaths(join(projectRoot, "notebooks"));

describe("committed notebooks", () => {
  it("exist", () => {
    expect(paths.length).toBeGreaterThan(0);
  });

  for (const path of paths) {
    const nb = readNotebook(path);
    it(`${path.split("/").pop()} carries no outputs or execution counts`, () => {
      expect(dirtyCells(nb)).toEqual([]);
    });
    it(`${path.split("/").pop()} uses the tslab kernel and opens with a markdown question`, () => {
      expect((nb.metadata.kernelspec as { name?: string } | undefined)?.name).toBe("tslab");
      expect(nb.cells[0]?.cell_type).toBe("markdown");
    });
  }

  it("clearOutputs removes outputs and keeps metadata", () => {
    const dirty = {
      cells: [{ cell_type: "code", source: "1", outputs: [{ x: 1 }], execution_count: 3 }],
      metadata: { kernelspec: { name: "tslab" } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    expect(dirtyCells(dirty)).toEqual([0]);
    const clean = clearOutputs(dirty);
    expect(dirtyCells(clean)).toEqual([]);
    expect(clean.metadata).toEqual(dirty.metadata);
  });
});
