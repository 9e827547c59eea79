/**
 * `npm run jupyter`: a watch build of src/ (so notebooks re-importing ../dist see edits) next to
 * a Jupyter notebook server opened on notebooks/ with the project-local tslab kernel.
 * tslab caches imported modules per kernel: restart the kernel to pick up a rebuild.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { jupyterEnv, jupyterPython, root } from "./jupyter-env.js";

const env = jupyterEnv();
const watch = spawn(
  join(root, "node_modules", ".bin", "tsc"),
  ["-p", "tsconfig.build.json", "--watch", "--preserveWatchOutput"],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
const server = spawn(
  jupyterPython(),
  [
    "-m",
    "notebook",
    `--notebook-dir=${join(root, "notebooks")}`,
    // The notebook server refuses to start as root unless told; containers often run as root.
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
    ...process.argv.slice(2),
  ],
  { cwd: root, env, stdio: "inherit" },
);
const stop = () => {
  watch.kill();
  server.kill();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  watch.kill();
  process.exit(code ?? 0);
});
