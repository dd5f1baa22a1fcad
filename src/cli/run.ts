import { Command } from "commander";
import { dirname, join } from "node:path";
import { collectFiles, runBatch, writeOutput, type FileResult } from "../batch.js";
import { FORMAT_IDS } from "../read/index.js";
import type { FormatId } from "../core/types.js";
import { exportClaims, exportTurns, listEpisodes } from "../store/exports.js";
import { ensureDataset } from "../store/dataset.js";
import { renderReport } from "../queue/report.js";
import { DEFAULT_DB, EXIT, UsageError, dbFrom, example, withDb } from "./common.js";
import { fileURLToPath } from "node:url";

const FISCAL_DIR = fileURLToPath(new URL("../../data/fiscal/", import.meta.url));

interface RunOpts {
  db: string;
  json?: boolean;
  quiet?: boolean;
  force?: boolean;
  format?: string;
  out?: string;
  report?: boolean;
}

/** `claimcast run [paths...]`: ingest transcripts, build the queue, write reports. */
export function registerRun(program: Command): void {
  const cmd = withDb(
    program
      .command("run")
      .description("Ingest transcript files or folders: clean, segment by speaker, detect and link claims, queue them, write a report per episode.")
      .argument("[paths...]", "files or folders (default: transcripts/)")
      .option("--json", "one JSON line per file on stdout (path, episode, status, ms, counts, error), then a summary line")
      .option("-q, --quiet", "print only errors")
      .option("--force", "re-ingest files whose content did not change")
      .option("--format <id>", `read every file as this format (${FORMAT_IDS.join(", ")}); default: detect from content`)
      .option("--out <dir>", "folder for <episode>/report.md (default: the database's folder)")
      .option("--no-report", "do not write report.md files"),
  );
  example(cmd, "claimcast run transcripts/ --db output/claimcast.db\nclaimcast run new-episode.vtt --json | jq .status");
  cmd.action(async (paths: string[], opts: RunOpts) => {
    if (opts.format && !FORMAT_IDS.includes(opts.format as FormatId))
      throw new UsageError(`unknown --format '${opts.format}' (one of ${FORMAT_IDS.join(", ")})`);
    const { files, missing } = collectFiles(paths.length ? paths : ["transcripts/"]);
    const db = dbFrom(opts);
    ensureDataset(db, FISCAL_DIR);
    const outDir = opts.out ?? dirname(opts.db ?? DEFAULT_DB);
    const log = (line: string) => {
      if (!opts.quiet && !opts.json) process.stderr.write(line + "\n");
    };
    const results: FileResult[] = missing.map((p) => ({ path: p, episode: "", status: "failed", ms: 0, error: `${p}: no such file or folder` }));
    for (const r of results) process.stderr.write(r.error + "\n");
    const got = await runBatch(files, {
      db,
      force: opts.force,
      format: opts.format as FormatId | undefined,
      onFile: (r, done, total) => {
        if (r.status === "failed") process.stderr.write(r.error + "\n");
        else log(`[${done}/${total}] ${r.status} ${r.path}${r.status === "ingested" ? ` (${r.turns} turns, ${r.claims} claims)` : ""}`);
        if (opts.json) process.stdout.write(JSON.stringify({ path: r.path, episode: r.episode, status: r.status, ms: Math.round(r.ms), turns: r.turns ?? null, claims: r.claims ?? null, claims_added: r.claimsAdded ?? null, error: r.error ?? null }) + "\n");
      },
    });
    results.push(...got);
    if (opts.report !== false) {
      const episodes = new Map(listEpisodes(db).map((e) => [e.id, e]));
      for (const r of got) {
        const ep = episodes.get(r.episode);
        if (r.status !== "ingested" || !ep) continue;
        writeOutput(join(outDir, r.episode), "report.md", renderReport(ep, exportTurns(db, ep.id), exportClaims(db, { episode: ep.id })));
      }
    }
    db.close();
    const count = (s: FileResult["status"]) => results.filter((r) => r.status === s).length;
    const summary = {
      summary: true,
      files: results.length,
      ingested: count("ingested"),
      unchanged: count("unchanged"),
      failed: count("failed"),
      claims_added: got.reduce((a, r) => a + (r.claimsAdded ?? 0), 0),
    };
    if (opts.json) process.stdout.write(JSON.stringify(summary) + "\n");
    else if (!opts.quiet)
      process.stderr.write(`${summary.ingested} ingested, ${summary.unchanged} unchanged, ${summary.failed} failed, ${summary.claims_added} claims added → ${opts.db}\n`);
    process.exitCode = summary.failed > 0 ? EXIT.failed : EXIT.ok;
  });
}
