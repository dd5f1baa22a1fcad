import { Command } from "commander";
import { exportClaims, exportTurns, hasEpisode } from "../store/exports.js";
import { formatTime } from "../queue/report.js";
import { UsageError, dbFrom, example, forTerminal, printJson, withDb } from "./common.js";
import { registerExportQueue } from "./queue.js";

/** `claimcast export turns|claims`. */
export function registerExport(program: Command): void {
  const exp = program.command("export").description("Export stored data (turns, claims) as JSON or text.");
  const turns = withDb(
    exp
      .command("turns")
      .description("Speaker turns of one episode, in order, with offsets, lines and times.")
      .requiredOption("--episode <id>", "episode id (the file's base name)")
      .option("--json", "JSON array [{index, speaker, role, start_line, end_line, start_offset, end_offset, start_time, end_time, text}]"),
  );
  example(turns, "claimcast export turns --episode 002_1142964fd8d0627e --json");
  turns.action((opts: { db: string; episode: string; json?: boolean }) => {
    const db = dbFrom(opts);
    if (!hasEpisode(db, opts.episode)) throw new UsageError(`no episode '${opts.episode}' in ${opts.db} (see: claimcast episodes)`);
    const rows = exportTurns(db, opts.episode);
    db.close();
    if (opts.json) return printJson(rows);
    for (const t of rows)
      process.stdout.write(forTerminal(`${t.index}\t${t.speaker} (${t.role})\tL${t.start_line}-${t.end_line}\t${formatTime(t.start_time)}\t${t.text.slice(0, 100)}`) + "\n");
  });
  const claims = withDb(
    exp
      .command("claims")
      .description("Claims with score, topics, numbers, states, dataset links, suggestion and queue status.")
      .option("--episode <id>", "only this episode")
      .option("--json", "JSON array [{id, episode, speaker, claimant, line, ..., topics, quantities, states, links, suggestion, status, verdict}]"),
  );
  example(claims, "claimcast export claims --episode 002_1142964fd8d0627e --json");
  claims.action((opts: { db: string; episode?: string; json?: boolean }) => {
    const db = dbFrom(opts);
    if (opts.episode && !hasEpisode(db, opts.episode)) throw new UsageError(`no episode '${opts.episode}' in ${opts.db} (see: claimcast episodes)`);
    const rows = exportClaims(db, { episode: opts.episode });
    db.close();
    if (opts.json) return printJson(rows);
    for (const c of rows)
      process.stdout.write(forTerminal(`${c.id}\t${c.score.toFixed(2)}\t${c.speaker}\tL${c.line}\t${c.topics.join(",")}\t${c.text.slice(0, 100)}`) + "\n");
  });
  registerExportQueue(exp);
}
