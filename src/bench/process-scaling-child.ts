/**
 * Child process of the scaling reference: runs its share of an experiment's repetitions each
 * time the parent says "go", and replies with the time taken. Started by
 * {@link measureProcessSpeedup} with `fork`, one JSON argument ({@link ProcessShare}).
 */
import { isEntryModule } from "../lab/module-entry.js";
import { CompiledScenario } from "../sim/model/compiled-scenario.js";
import { runSimulation } from "../sim/run/run-simulation.js";
import { loadScenario } from "../sim/scenario/load.js";

/** The repetitions one child runs. */
export interface ProcessShare {
  scenario: string;
  strategy: string;
  seed: number;
  rounds: number;
  /** Repetitions firstRep, firstRep + 1, … firstRep + reps − 1. */
  firstRep: number;
  reps: number;
}

/** Messages from the child: ready after a warm-up run, then the ms of each share. */
export type ProcessShareMessage = { ready: true } | { ms: number };

if (isEntryModule(import.meta.url)) {
  const share = JSON.parse(process.argv[2] ?? "{}") as ProcessShare;
  const scenario = new CompiledScenario(loadScenario(share.scenario));
  const run = (rep: number, rounds: number) =>
    runSimulation({
      scenario,
      strategy: share.strategy,
      rounds,
      seed: share.seed,
      repetition: rep,
    });
  run(share.firstRep, Math.min(share.rounds, 20_000)); // compile the hot path first
  const send = (m: ProcessShareMessage) => process.send?.(m);
  process.on("message", (m) => {
    if (m !== "go") {
      process.exit(0);
    }
    const t0 = performance.now();
    for (let r = share.firstRep; r < share.firstRep + share.reps; r++) run(r, share.rounds);
    send({ ms: performance.now() - t0 });
  });
  send({ ready: true });
}
