import { execFile } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const root = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** A free TCP port on 127.0.0.1 (the OS picks one; it is released before it is returned). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** A redis-server of a test's own. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a redis-server on a free port through `scripts/redis.sh` (which installs it when
 * missing, so `npm test` and CI need nothing else), with a fresh data folder.
 *
 * @returns its URL and `stop`, which also removes the data folder
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = join(root, ".cache", `redis-${port}`);
  rmSync(dir, { recursive: true, force: true });
  const script = join(root, "scripts/redis.sh");
  const { stdout } = await run("bash", [script, "start", String(port)], { timeout: 300_000 });
  const url = stdout.trim().split("\n").at(-1) ?? "";
  if (url !== `redis://127.0.0.1:${port}`) throw new Error(`redis.sh printed ${stdout}`);
  return {
    url,
    async stop() {
      const { stdout: said } = await run("bash", [script, "stop", String(port)]);
      // A server that died during the tests is a finding: show its log before it goes.
      if (said.includes("no redis-server")) {
        console.error(
          readFileSync(join(dir, "redis.log"), "utf8").split("\n").slice(-30).join("\n"),
        );
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
