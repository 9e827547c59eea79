import type { RedisOptions } from "bullmq";
import { UsageError } from "../errors.js";

/** A parsed `--queue` URL: where Redis is, as BullMQ's connection options. */
export interface QueueConnection {
  /** The URL without its password, for messages and logs. */
  display: string;
  options: RedisOptions;
}

/**
 * Parses a queue URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS.
 * Why not hand the text to ioredis: a typo there surfaces as endless reconnect attempts, not as
 * a message naming the flag.
 *
 * @param text the URL
 * @param flag the flag it came from, for messages
 * @returns the connection, with `maxRetriesPerRequest: null` (BullMQ workers require it)
 * @throws {UsageError} naming the flag for anything but a redis:// or rediss:// URL with a host
 * @example parseQueueUrl("redis://127.0.0.1:6379").options // { host: "127.0.0.1", port: 6379, … }
 */
export function parseQueueUrl(text: string, flag = "--queue"): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `${flag}: "${text}" is not a URL; expected redis://HOST:PORT (or redis://:PASSWORD@HOST:PORT, rediss:// for TLS)`,
    );
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new UsageError(
      `${flag}: "${text}" must start with redis:// or rediss:// (TLS), e.g. redis://127.0.0.1:6379`,
    );
  }
  if (url.hostname === "") throw new UsageError(`${flag}: "${text}" names no host`);
  const port = url.port === "" ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, "");
  if (path !== "" && !/^\d+$/.test(path)) {
    throw new UsageError(`${flag}: "${text}": the path must be a database number, got "${path}"`);
  }
  const options: RedisOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port,
    maxRetriesPerRequest: null,
    ...(path !== "" ? { db: Number(path) } : {}),
    ...(url.username !== "" ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== "" ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === "rediss:" ? { tls: { servername: url.hostname } } : {}),
  };
  const display = `${url.protocol}//${url.host}${path !== "" ? `/${path}` : ""}`;
  return { display, options };
}
