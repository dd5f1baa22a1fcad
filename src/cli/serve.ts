import type { Command } from "commander";
import { dbFrom, example, UsageError, withDb } from "./common.js";
import { isLoopback, startServer } from "../web/server.js";

/**
 * Register `claimcast serve`: the review pages in the browser (queue, claim, episode), on
 * 127.0.0.1 unless told otherwise; another address needs a token.
 *
 * @example
 * registerServe(program); // claimcast serve --port 8080
 */
export function registerServe(program: Command): void {
  const cmd = withDb(
    program
      .command("serve")
      .description("Review the queue in the browser: queue, claim and episode pages; verdicts and speaker corrections go through the same workflow and audit log as the CLI.")
      .option("--port <n>", "port to listen on (0 picks a free one)", "8080")
      .option("--host <addr>", "address to bind (anything but loopback needs --token)", "127.0.0.1")
      .option("--token <t>", "access token every request must carry (default: $CLAIMCAST_TOKEN)"),
  );
  example(cmd, "claimcast serve --db output/claimcast.db --port 8080\nCLAIMCAST_TOKEN=s3cret claimcast serve --host 0.0.0.0");
  cmd.action(async (opts: { db: string; port: string; host: string; token?: string }) => {
    const port = Number(opts.port);
    if (!/^\d+$/.test(opts.port) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not '${opts.port}'`);
    const token = opts.token?.trim() || process.env.CLAIMCAST_TOKEN?.trim() || undefined;
    if (!isLoopback(opts.host) && !token) throw new UsageError(`binding to ${opts.host} needs an access token: --token T or CLAIMCAST_TOKEN`);
    const db = dbFrom(opts);
    const server = await startServer(db, { host: opts.host, port, token });
    process.stderr.write(`claimcast: serving ${server.url}/${token ? " (open it once with ?token=<your token>)" : ""}; Ctrl-C stops\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        void server.close().then(() => {
          db.close();
          resolve();
        });
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  });
}
