import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

/** Options for {@link serveMetrics}. */
export interface MetricsServerOptions {
  /** Interface to bind. Default `127.0.0.1`: metrics are not exposed beyond this machine unless asked. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Path served. Default `/metrics`. */
  path?: string;
}

/** A running metrics endpoint. */
export interface MetricsServer {
  /** e.g. `http://127.0.0.1:40123/metrics`. */
  url: string;
  port: number;
  /** Stops accepting connections and resolves when closed. */
  close(): Promise<void>;
}

/**
 * Serves a registry's metrics over HTTP (node:http, no framework): `GET <path>` answers the
 * Prometheus text format; anything else is 404 (or 405 for other methods on the path).
 *
 * @param registry e.g. from `createPrometheusRegistry`
 * @param options host (default 127.0.0.1), port (default 0: ephemeral), path
 * @returns the URL and a `close` function
 * @throws when the port cannot be bound (the listen error, e.g. EADDRINUSE)
 * @example const server = await serveMetrics(createPrometheusRegistry(profiler), { port: 9464 });
 */
export async function serveMetrics(
  registry: Registry,
  options: MetricsServerOptions = {},
): Promise<MetricsServer> {
  const host = options.host ?? "127.0.0.1";
  const path = options.path ?? "/metrics";
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "content-type": registry.contentType });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (err: unknown) => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(`metrics failed: ${(err as Error).message}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${path}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
