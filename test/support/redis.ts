import { startLocalRedis } from "../../src/queue/local-redis.js";

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
  const redis = await startLocalRedis();
  return {
    url: redis.url,
    async stop() {
      // A server that died during the tests is a finding: show its log before it goes.
      const died = await redis.stop();
      if (died !== undefined) console.error(died);
    },
  };
}
