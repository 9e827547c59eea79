import { Command, CommanderError } from "commander";
import { UsageError } from "../errors.js";
import { FileWriteError } from "../io/file-write-error.js";
import { codeVersions } from "../lab/code-version.js";
import { CheckFailed } from "./check-failed.js";
import { registerBench } from "./commands/bench.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerFit } from "./commands/fit.js";
import { registerProfile } from "./commands/profile.js";
import { registerSimulate } from "./commands/simulate.js";
import { registerTunePriors } from "./commands/tune-priors.js";
import { registerWorker } from "./commands/worker.js";

/** Registers one subcommand on the program. Each lives in its own file under `cli/commands/`. */
export type CommandRegistration = (program: Command) => void;

// Each subcommand's module, in the order `--help` lists them.
const registrations: CommandRegistration[] = [
  registerSimulate,
  registerProfile,
  registerBench,
  registerTunePriors,
  registerFit,
  registerWorker,
  registerEvaluate,
];

/** Builds the `routing-lab` program; bad flags exit 2 with commander's message. */
export function buildProgram(): Command {
  const program = new Command("routing-lab")
    .description(
      "Routing strategies against simulated memory backends: simulate, profile, bench, tune",
    )
    .showHelpAfterError()
    .exitOverride();
  addVersion(program);
  for (const register of registrations) register(program);
  return program;
}

/**
 * `--version`/`-V`: the package version with the code hash (what queue workers compare), and
 * Node's. Computed only when asked: hashing the code reads every module file.
 */
function addVersion(program: Command): void {
  program.option("-V, --version", "print the version (package+code hash) and Node's, then exit");
  program.on("option:version", () => {
    const v = codeVersions();
    process.stdout.write(`routing-lab ${v.code} (Node ${v.node})\n`);
    throw new CommanderError(0, "routing-lab.version", "");
  });
}

/**
 * Runs the CLI: user errors (bad flags or files, an output that cannot be written) print one
 * clear message and exit 2; a check the user asked for that fails (`profile --fail-on`) prints
 * one line and exits 1; bugs print a stack, exit 1.
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CheckFailed) {
      process.stderr.write(`routing-lab: ${err.message}\n`);
      return 1;
    }
    if (err instanceof UsageError || err instanceof FileWriteError) {
      process.stderr.write(`routing-lab: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
