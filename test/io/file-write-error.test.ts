import { describe, expect, it } from "vitest";
import { FileWriteError } from "../../src/io/file-write-error.js";

describe("FileWriteError", () => {
  it("names the path and the reason, and keeps the cause", () => {
    const cause = new Error("EISDIR");
    const e = new FileWriteError("out/run.json", "EISDIR: illegal operation on a directory", {
      cause,
    });
    expect(e.message).toBe("out/run.json: cannot write (EISDIR: illegal operation on a directory)");
    expect(e.name).toBe("FileWriteError");
    expect(e).toBeInstanceOf(Error);
    expect(e.cause).toBe(cause);
    expect([e.path, e.reason]).toEqual([
      "out/run.json",
      "EISDIR: illegal operation on a directory",
    ]);
  });

  it('shows an empty path as "" so the message still names it', () => {
    expect(new FileWriteError("", "the path is empty").message).toBe(
      '"": cannot write (the path is empty)',
    );
  });
});
