import { Command } from "commander";
import { listEpisodes } from "../store/exports.js";
import { dbFrom, example, forTerminal, printJson, withDb } from "./common.js";

/** `claimcast episodes`: list ingested episodes. */
export function registerEpisodes(program: Command): void {
  const cmd = withDb(program.command("episodes").description("List ingested episodes with their turn and claim counts.").option("--json", "JSON array [{id, source, format, turns, claims}]"));
  example(cmd, "claimcast episodes --json");
  cmd.action((opts: { db: string; json?: boolean }) => {
    const db = dbFrom(opts);
    const rows = listEpisodes(db);
    db.close();
    if (opts.json) return printJson(rows);
    if (rows.length === 0) return void process.stdout.write("no episodes yet: run `claimcast run transcripts/`\n");
    for (const r of rows) process.stdout.write(forTerminal(`${r.id}\t${r.format}\t${r.turns} turns\t${r.claims} claims\t${r.title ?? r.source}`) + "\n");
  });
}
