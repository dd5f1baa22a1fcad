import { Command } from "commander";
import { buildDigest, parseSince, renderDigest } from "../queue/digest.js";
import { WorkflowError, checkListFilter } from "../queue/workflow.js";
import { UsageError, dbFrom, example, printJson, withDb } from "./common.js";

/**
 * `claimcast digest`: the day's top claims per topic, as Markdown to paste into an email or chat
 * (or `--json`). Predictions and opinions are left out unless `--all-types`.
 *
 * @example
 * registerDigest(program);
 */
export function registerDigest(program: Command): void {
  const cmd = withDb(
    program
      .command("digest")
      .description("The top claims queued recently, per topic, as Markdown for a desk editor (predictions and opinions left out).")
      .option("--since <when>", "a duration back from now (90m, 24h, 2d, 1w) or an ISO date", "24h")
      .option("--top <n>", "how many claims in all", "15")
      .option("--topic <id>", "only this topic")
      .option("--all-types", "keep predictions, personal stories and opinions")
      .option("--json", "print the digest as JSON {since, generated_at, total, episodes, groups: [{topic, label, entries}]}"),
  );
  example(cmd, "claimcast digest --since 24h --top 15 > digest.md\nclaimcast digest --topic taxes --json");
  cmd.action((opts: { db: string; since: string; top: string; topic?: string; allTypes?: boolean; json?: boolean }) => {
    const since = parseSince(opts.since);
    if (!since) throw new UsageError(`--since '${opts.since}' is neither a duration (24h, 2d) nor a date`);
    const top = Number(opts.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top expects a positive whole number, got '${opts.top}'`);
    const db = dbFrom(opts);
    try {
      if (opts.topic !== undefined) {
        try {
          checkListFilter(db, { topic: opts.topic });
        } catch (e) {
          if (e instanceof WorkflowError) throw new UsageError(e.message);
          throw e;
        }
      }
      const d = buildDigest(db, { since, top, topic: opts.topic, allTypes: opts.allTypes });
      if (opts.json) printJson(d);
      else process.stdout.write(renderDigest(d));
    } finally {
      db.close();
    }
  });
}
