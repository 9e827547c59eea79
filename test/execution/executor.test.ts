import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type AsyncBackend, PatternExecutor } from "../../src/execution/index.js";
import { createStream } from "../../src/random/index.js";
import { createRouter } from "../../src/routing/index.js";
import type { BackendId, Outcome, Query, Router } from "../../src/routing/types.js";

/** A backend that answers `relevance` after `ms` (fake-timer) milliseconds, and honours abort. */
function delayed(ms: number, relevance: number, log: string[] = [], name = ""): AsyncBackend {
  return (_query, signal) =>
    new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(t);
        log.push(`aborted:${name}`);
        reject(new Error("aborted"));
      };
      const t = setTimeout(() => {
        // Unsubscribe: uncancellable calls share one never-aborted signal, which would
        // otherwise collect a listener per call.
        signal.removeEventListener("abort", onAbort);
        log.push(`done:${name}`);
        resolve({ relevance });
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
}

/** Wraps a router to log what the executor tells it. */
function spy(router: Router) {
  const events: string[] = [];
  const outcomes: Outcome[] = [];
  const wrapped: Router = {
    name: router.name,
    select: (q, c) => router.select(q, c),
    stats: () => router.stats(),
    record: (o) => {
      outcomes.push(o);
      events.push(`record:${o.backend ?? o.decision.backend}`);
      router.record(o);
    },
    onDispatch: (b: BackendId) => events.push(`dispatch:${b}`),
    onCancel: (b: BackendId) => events.push(`cancel:${b}`),
  };
  return { wrapped, events, outcomes };
}

const available = ["qdrant", "neo4j", "mem0"];
const ruleBased = () => createRouter("rule-based");
const query = { text: "find documents similar to this one" }; // similarity → qdrant first

// Fake timers and a clock reading the faked Date.now: every backend delay is exact, so
// latencies are asserted exactly instead of against wall-clock bounds.
const clock = () => Date.now();

/** Executes `query` and runs the fake clock forward until every pending timer has fired. */
async function run(ex: PatternExecutor, q: Query = query) {
  const result = ex.execute(q, { available });
  await vi.runAllTimersAsync();
  return result;
}

describe("PatternExecutor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("feed-forward: one call, feedback recorded with the measured latency", async () => {
    const { wrapped, events, outcomes } = spy(ruleBased());
    const ex = new PatternExecutor({
      clock,
      router: wrapped,
      backends: { qdrant: delayed(15, 0.9), neo4j: delayed(1, 0.5), mem0: delayed(1, 0.5) },
      pattern: { name: "feed-forward" },
    });
    const r = await run(ex);
    expect(r.decision.backend).toBe("qdrant");
    expect(r.calls).toBe(1);
    expect(r.relevance).toBe(0.9);
    expect(r.latencyMs).toBe(15);
    expect(events).toEqual(["dispatch:qdrant", "record:qdrant"]);
    expect(outcomes[0].latencyMs).toBe(15);
  });

  it("recursive: moves to the next alternative while relevance is below the threshold", async () => {
    const { wrapped, events } = spy(ruleBased());
    const ex = new PatternExecutor({
      clock,
      router: wrapped,
      backends: { qdrant: delayed(1, 0.2), neo4j: delayed(1, 0.9), mem0: delayed(1, 0.95) },
      pattern: { name: "recursive", threshold: 0.8, maxIterations: 3 },
    });
    const r = await run(ex);
    expect(r.calls).toBe(2);
    expect(r.relevance).toBe(0.9);
    expect(r.latencyMs).toBe(2); // sequential: 1 ms + 1 ms
    expect(events.filter((e) => e.startsWith("dispatch"))).toHaveLength(2);
  });

  it("parallel first-k: completes on the first answer and cancels the rest", async () => {
    const log: string[] = [];
    const { wrapped, events } = spy(ruleBased());
    const ex = new PatternExecutor({
      clock,
      router: wrapped,
      backends: {
        qdrant: delayed(200, 0.9, log, "qdrant"),
        neo4j: delayed(5, 0.6, log, "neo4j"),
        mem0: delayed(200, 0.7, log, "mem0"),
      },
      pattern: { name: "parallel", fanout: "all", rule: "first-k", k: 1, cancel: true },
    });
    const r = await run(ex);
    expect(r.calls).toBe(3);
    expect(r.relevance).toBe(0.6);
    expect(r.latencyMs).toBe(5); // neo4j's answer, not the 200 ms of the others
    expect(r.cancelled).toBe(2);
    expect(log).toContain("aborted:qdrant");
    expect(events).toContain("cancel:qdrant");
    expect(events).toContain("cancel:mem0");
  });

  it("parallel wait-all: fuses the best relevance and waits for the slowest", async () => {
    const ex = new PatternExecutor({
      clock,
      router: ruleBased(),
      backends: { qdrant: delayed(30, 0.5), neo4j: delayed(1, 0.9), mem0: delayed(1, 0.1) },
      pattern: { name: "parallel", fanout: 3, rule: "all" },
    });
    const r = await run(ex);
    expect(r.relevance).toBe(0.9);
    expect(r.latencyMs).toBe(30); // the slowest, qdrant
  });

  it("parallel deadline: completes at the deadline with what has answered", async () => {
    const ex = new PatternExecutor({
      clock,
      router: ruleBased(),
      backends: { qdrant: delayed(300, 0.9), neo4j: delayed(1, 0.4), mem0: delayed(300, 0.9) },
      pattern: { name: "parallel", rule: "deadline", deadlineMs: 40, cancel: true },
    });
    const r = await run(ex);
    expect(r.relevance).toBe(0.4);
    expect(r.latencyMs).toBe(40); // the deadline, not the 300 ms of qdrant and mem0
    expect(r.cancelled).toBe(2);
  });

  it("chain: a failed stage breaks the pipeline", async () => {
    const failing: AsyncBackend = async () => {
      throw new Error("down");
    };
    const { wrapped, outcomes } = spy(ruleBased());
    const ex = new PatternExecutor({
      clock,
      router: wrapped,
      backends: { qdrant: delayed(1, 0.8), neo4j: failing, mem0: delayed(1, 0.9) },
      pattern: { name: "chain", stages: 3 },
    });
    const r = await run(ex);
    expect(r.calls).toBe(2);
    expect(r.failed).toBe(true);
    expect(outcomes.map((o) => o.success)).toEqual([undefined, false]);
  });

  it("hedged: a slow primary is hedged after the fixed delay and the loser is cancelled", async () => {
    const log: string[] = [];
    const { wrapped, events } = spy(ruleBased());
    const ex = new PatternExecutor({
      clock,
      router: wrapped,
      backends: {
        qdrant: delayed(300, 0.9, log, "qdrant"),
        neo4j: delayed(5, 0.8, log, "neo4j"),
        mem0: delayed(1, 0.1),
      },
      pattern: { name: "hedged", delay: 20, cancel: true },
    });
    const r = await run(ex);
    expect(r.calls).toBe(2);
    expect(r.relevance).toBe(0.8);
    expect(r.latencyMs).toBe(25); // hedge sent at 20 ms, neo4j answers 5 ms later
    expect(r.cancelled).toBe(1);
    expect(log).toEqual(["done:neo4j", "aborted:qdrant"]);
    expect(events).toEqual(["dispatch:qdrant", "dispatch:neo4j", "record:neo4j", "cancel:qdrant"]);
  });

  it("hedged: a fast primary sends no backup", async () => {
    const ex = new PatternExecutor({
      clock,
      router: ruleBased(),
      backends: { qdrant: delayed(1, 0.9), neo4j: delayed(1, 0.8), mem0: delayed(1, 0.1) },
      pattern: { name: "hedged", delay: 50 },
    });
    const r = await run(ex);
    expect(r.calls).toBe(1);
    expect(r.latencyMs).toBe(1);
  });

  it("feeds real completions to a learning router", async () => {
    const router = createRouter("thompson", { rng: createStream(1, "exec") });
    const ex = new PatternExecutor({
      clock,
      router,
      backends: { qdrant: delayed(0, 0.95), neo4j: delayed(0, 0.1), mem0: delayed(0, 0.1) },
      pattern: { name: "feed-forward" },
    });
    for (let i = 0; i < 20; i++) await run(ex, { type: "similarity" });
    expect(router.stats().outcomes).toBe(20);
  });
});
