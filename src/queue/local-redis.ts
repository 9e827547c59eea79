import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../lab/settings.js";

const run = promisify(execFile);

/**
 * A free TCP port on 127.0.0.1: the OS picks one, and it is released before it is returned
 * (another process could take it in between; redis.sh then fails with "port taken").
 *
 * @returns the port
 * @example const port = await freePort();
 */
export function freePort(): Promise<number> {
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

/** A redis-server started by {@link startLocalRedis}. */
export interface LocalRedis {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Its data folder, `.cache/redis-PORT` (its log is `redis.log` there). */
  dir: string;
  /**
   * Stops it and removes its data folder.
   * @returns undefined, or the last 30 lines of its log when it had died on its own (a finding)
   */
  stop(): Promise<string | undefined>;
}

/**
 * Starts a redis-server of the caller's own on a free port with `scripts/redis.sh` (bound to
 * 127.0.0.1, `noeviction`, installed through apt-get when missing and allowed), with a fresh
 * data folder, for benchmarks and tests that need a queue and must not touch anyone else's.
 *
 * @param options `port` (default: a free one)
 * @returns its URL and `stop`, which also removes the data folder
 * @throws {Error} when redis.sh fails (its stderr is in the message)
 * @example const redis = await startLocalRedis(); … await redis.stop();
 */
export async function startLocalRedis(options: { port?: number } = {}): Promise<LocalRedis> {
  const port = options.port ?? (await freePort());
  const dir = join(projectRoot, ".cache", `redis-${port}`);
  rmSync(dir, { recursive: true, force: true });
  const script = join(projectRoot, "scripts", "redis.sh");
  const { stdout } = await run("bash", [script, "start", String(port)], { timeout: 300_000 });
  const url = stdout.trim().split("\n").at(-1) ?? "";
  if (url !== `redis://127.0.0.1:${port}`) throw new Error(`redis.sh printed ${stdout}`);
  return {
    url,
    port,
    dir,
    async stop() {
      const { stdout: said } = await run("bash", [script, "stop", String(port)]);
      let died: string | undefined;
      if (said.includes("no redis-server")) {
        const log = join(dir, "redis.log");
        died = existsSync(log)
          ? readFileSync(log, "utf8").split("\n").slice(-30).join("\n")
          : "(no log)";
      }
      rmSync(dir, { recursive: true, force: true });
      return died;
    },
  };
}
