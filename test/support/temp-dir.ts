import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach } from "vitest";

/**
 * Makes temp folders under `os.tmpdir()` and removes them, with everything in them, after each
 * test (`"each"`) or after the file's or describe block's tests (`"all"`). Call it at the top
 * level of a test file or inside a `describe`, where it registers the hook. Under
 * `describe.concurrent` use `"all"`: after each test would remove folders of tests still running.
 *
 * @param when when the folders are removed
 * @returns a function that makes one folder named `<prefix>XXXXXX` and returns its path
 * @example const tempDir = useTempDirs(); const dir = tempDir("simulate-");
 */
export function useTempDirs(when: "each" | "all" = "each"): (prefix: string) => string {
  const made: string[] = [];
  const removeAll = () => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  if (when === "each") afterEach(removeAll);
  else afterAll(removeAll);
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
