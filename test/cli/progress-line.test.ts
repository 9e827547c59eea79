import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { endProgressLines, progressLine } from "../../src/cli/progress-line.js";

/** A stream that records what is written; `isTTY` as given. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 120,
    write(chunk: string) {
      chunks.push(String(chunk));
      return true;
    },
    on: () => {},
    removeListener: () => {},
    text: () => chunks.join(""),
  } as unknown as NodeJS.WriteStream & { text: () => string };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("progressLine without a TTY", () => {
  it("prints nothing for a short run", () => {
    const stream = fakeStream(false);
    const line = progressLine({ label: "simulate", unit: "queries", stream, everyMs: 10_000 });
    for (let i = 1; i <= 10; i++) {
      vi.setSystemTime(i * 900);
      line.update(i * 100, 1000);
    }
    line.stop();
    expect(stream.text()).toBe("");
  });

  it("prints one whole line per interval, and where it ended", () => {
    const stream = fakeStream(false);
    const line = progressLine({ label: "simulate", unit: "queries", stream, everyMs: 10_000 });
    // 1,000,000 queries at 25,000 per second: 40 s, updates every 0.5 s.
    for (let t = 500; t <= 40_000; t += 500) {
      vi.setSystemTime(t);
      line.update(t * 25, 1_000_000);
    }
    line.stop();
    const lines = stream.text().split("\n");
    expect(lines.pop()).toBe(""); // every line is ended
    expect(lines).toEqual([
      "simulate: 25% 250,000/1,000,000 queries, 10 s elapsed, ETA 30 s",
      "simulate: 50% 500,000/1,000,000 queries, 20 s elapsed, ETA 20 s",
      "simulate: 75% 750,000/1,000,000 queries, 30 s elapsed, ETA 10 s",
      "simulate: 100% 1,000,000/1,000,000 queries, 40 s elapsed",
    ]);
  });

  it("adds the extra text from the payload", () => {
    const stream = fakeStream(false);
    const line = progressLine({
      label: "tune-priors",
      unit: "runs",
      stream,
      everyMs: 1000,
      extra: (p) => `(${p.cells} settings)`,
    });
    vi.setSystemTime(1000);
    line.update(3, 12, { cells: 1 });
    expect(stream.text()).toBe("tune-priors: 25% 3/12 runs, 1 s elapsed, ETA 3 s (1 settings)\n");
    line.stop();
  });
});

describe("progressLine on a TTY", () => {
  it("draws a bar in place and clears it when done", () => {
    const stream = fakeStream(true);
    const line = progressLine({ label: "simulate", unit: "queries", stream });
    line.update(500, 1000);
    expect(stream.text()).toContain("simulate [############------------]  50% 500/1,000 queries");
    expect(stream.text()).toContain("\x1b[?25l"); // cursor hidden while drawing
    line.stop();
    expect(stream.text()).toContain("\x1b[?25h");
    expect(stream.text().endsWith("\n")).toBe(false); // the line is cleared, not left behind
  });

  it("Ctrl-C leaves the last state, ends the line and shows the cursor", () => {
    const stream = fakeStream(true);
    const line = progressLine({ label: "simulate", unit: "queries", stream });
    line.update(300, 1000);
    const before = process.listenerCount("SIGINT");
    expect(before).toBeGreaterThan(0); // the line listens for Ctrl-C while drawn
    expect(endProgressLines()).toBe(true);
    const text = stream.text();
    expect(text.endsWith("\n")).toBe(true);
    expect(text.lastIndexOf("\x1b[?25h")).toBeGreaterThan(text.lastIndexOf("\x1b[?25l"));
    expect(text.slice(text.lastIndexOf("simulate ["))).toMatch(/^simulate \[.*30% 300\/1,000/);
    expect(process.listenerCount("SIGINT")).toBe(before - 1);
    line.stop(); // a no-op now: nothing more is written
    expect(stream.text()).toBe(text);
  });
});
