import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isSystemError, systemErrorReason } from "../../src/io/system-error.js";

/** The error a call throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("isSystemError / systemErrorReason", () => {
  const missing = "/nonexistent-routing-lab/file.json";

  it("names an operating-system error by code and description, without Node's path", () => {
    const err = thrown(() => readFileSync(missing));
    expect(isSystemError(err)).toBe(true);
    expect(systemErrorReason(err)).toBe("ENOENT: no such file or directory");
    expect(systemErrorReason(err)).not.toContain(missing);
    expect(systemErrorReason(thrown(() => readFileSync("/")))).toBe(
      "EISDIR: illegal operation on a directory",
    );
  });

  it("gives other errors' messages, and other thrown values as text", () => {
    const plain = new Error("boom");
    expect(isSystemError(plain)).toBe(false);
    expect(systemErrorReason(plain)).toBe("boom");
    // A code alone does not make a system error: it needs the syscall too.
    const coded = Object.assign(new Error("coded"), { code: "ENOENT" });
    expect(isSystemError(coded)).toBe(false);
    expect(isSystemError({ code: "ENOENT", syscall: "open" })).toBe(false);
    expect(systemErrorReason("text")).toBe("text");
    expect(systemErrorReason(42)).toBe("42");
  });

  it("keeps the message when the errno is unknown to this platform", () => {
    const odd = Object.assign(new Error("odd failure"), { code: "EODD", syscall: "x", errno: 1e9 });
    expect(systemErrorReason(odd)).toBe("odd failure");
  });
});
