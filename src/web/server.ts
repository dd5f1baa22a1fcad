import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { DB } from "../store/open.js";
import { createApp, type AppOptions } from "./app.js";

/** A running review server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Whether an address only accepts connections from this machine.
 *
 * @example
 * isLoopback("127.0.0.1"); // true
 * isLoopback("0.0.0.0"); // false
 */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Serve the review app on `host:port` (port 0 picks a free one). Refuses a non-loopback address
 * without a token.
 *
 * @example
 * const s = await startServer(db, { host: "127.0.0.1", port: 0 });
 * console.log(s.url); await s.close();
 */
export function startServer(db: DB, opts: AppOptions & { host: string; port: number }): Promise<RunningServer> {
  if (!isLoopback(opts.host) && !opts.token) throw new Error(`binding to ${opts.host} needs a token (--token or CLAIMCAST_TOKEN)`);
  const app = createApp(db, opts);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info: AddressInfo) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ("closeAllConnections" in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once("error", reject);
  });
}
