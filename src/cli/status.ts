import { Command } from "commander";
import { recentRuns } from "../store/runs.js";
import { dbFrom, example, positiveInt, printJson, withDb } from "./common.js";

/** `claimcast status`: the last batch runs and their results. */
export function registerStatus(program: Command): void {
  const cmd = withDb(
    program
      .command("status")
      .description("Show the last batch runs (kept in the database): when, how many files ingested, unchanged, failed, and which failed.")
      .option("--limit <n>", "how many runs (default 10)", positiveInt)
      .option("--json", "JSON array of runs"),
  );
  example(cmd, "claimcast status --limit 5");
  cmd.action((opts: { db: string; limit?: number; json?: boolean }) => {
    const db = dbFrom(opts);
    const runs = recentRuns(db, opts.limit ?? 10);
    db.close();
    if (opts.json) return printJson(runs);
    if (runs.length === 0) return void process.stdout.write("no runs yet\n");
    for (const r of runs) {
      const state = r.finished_at ? `finished ${r.finished_at}` : "did not finish (running, or killed)";
      process.stdout.write(
        `run ${r.id}  started ${r.started_at}  ${state}\n  ${r.ingested} ingested, ${r.unchanged} unchanged, ${r.failed} failed, ${r.claims_added} claims added\n`,
      );
      for (const f of r.details) process.stdout.write(`  failed: ${f.error}\n`);
    }
  });
}
