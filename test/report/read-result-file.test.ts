import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readResultFile } from "../../src/report/read-result-file.js";
import { ResultFileError } from "../../src/report/result-file-error.js";
import { jsonNumber } from "../../src/report/schemas/index.js";

const dir = mkdtempSync(join(tmpdir(), "read-result-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = z.object({ rows: z.array(z.object({ ms: jsonNumber })) });
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe("readResultFile", () => {
  it("returns the parsed content, nulls read as NaN", () => {
    const data = readResultFile(file("ok.json", '{"rows":[{"ms":1.5},{"ms":null}]}'), schema);
    expect(data.rows[0].ms).toBe(1.5);
    expect(data.rows[1].ms).toBeNaN();
  });

  it("names a missing file, a file that is not JSON and one of another shape", () => {
    expect(() => readResultFile(join(dir, "gone.json"), schema)).toThrow(
      `${join(dir, "gone.json")}: missing`,
    );
    expect(() => readResultFile(file("bad.json", "{"), schema)).toThrow(
      /bad\.json: not valid JSON/,
    );
    const wrong = file("wrong.json", '{"rows":[{"ms":1},{"millis":2}]}');
    expect(() => readResultFile(wrong, schema)).toThrow(ResultFileError);
    expect(() => readResultFile(wrong, schema)).toThrow(
      `${wrong}: does not match its result type (written by an older version? run its notebook again): rows.1.ms is required`,
    );
    expect(() => readResultFile(file("array.json", "[]"), schema)).toThrow(
      /array\.json: .*\(the file\) must be an object, got array/,
    );
  });
});
