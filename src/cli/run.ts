import { Command } from "commander";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { collectFiles, defaultJobs, oneLine, reportError, runBatch, warningLine, writeOutput, type FileResult } from "../batch.js";
import { loadModel } from "../claims/checkworthiness.js";
import type { Scorer } from "../claims/scorer.js";
import { FORMAT_IDS } from "../read/index.js";
import type { FormatId } from "../core/types.js";
import { exportClaims, exportTurns, listEpisodes } from "../store/exports.js";
import { ensureDataset } from "../store/dataset.js";
import { activeRuns, finishRun, startRun } from "../store/runs.js";
import { renderReport } from "../queue/report.js";
import { makeDir } from "../store/open.js";
import { DEFAULT_DB, EXIT, UsageError, dbFrom, example, withDb } from "./common.js";
import { createProgress } from "./progress.js";

const FISCAL_DIR = fileURLToPath(new URL("../../data/fiscal/", import.meta.url));

interface RunOpts {
  db: string;
  json?: boolean;
  quiet?: boolean;
  force?: boolean;
  format?: string;
  out?: string;
  report?: boolean;
  jobs?: string;
  model?: string;
}

/** Whether a process id is alive on this machine. */
function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** `claimcast run [paths...]`: ingest transcripts, build the queue, write reports. */
export function registerRun(program: Command): void {
  const cmd = withDb(
    program
      .command("run")
      .summary("Ingest transcripts: clean, segment by speaker, detect and link claims, queue them, write reports.")
      .description(
        "Ingest transcript files or folders: clean, segment by speaker, detect and link claims, queue them, write a report per episode. " +
          "Files whose content did not change since the last run are skipped without parsing; changed ones are re-ingested and keep " +
          "every verdict and note of claims whose wording did not change. Each file is stored in its own transaction, so a killed run " +
          "leaves only whole episodes and the next run finishes the work. Overlapping runs on one database are safe.",
      )
      .argument("[paths...]", "files or folders (default: transcripts/)")
      .option("--json", "one JSON line per file on stdout (path, episode, status, ms, counts, note, error, warnings), then a summary line")
      .option("-q, --quiet", "print only errors (for cron); without it, a file read with warnings (a broken cue skipped) gets one line")
      .option("--force", "re-ingest files whose content did not change")
      .option("-j, --jobs <n>", `files parsed at once: the main thread plus n-1 worker threads (default: number of cores, ${defaultJobs()} here)`)
      .option(
        "--format <id>",
        `read every file parsed in this run as this format (${FORMAT_IDS.join(", ")}); default: detect from content. ` +
          "A file already ingested whose content did not change is skipped as unchanged and keeps its stored format: add --force to re-read it",
      )
      .option("--out <dir>", "folder for <episode>/report.md (default: the database's folder)")
      .option(
        "--model <file>",
        "check-worthiness model file (default: the shipped data/model/checkworthiness.json), e.g. one built by `npm run train -- --recipe NAME --out FILE`; files already ingested keep their scores unless --force",
      )
      .option("--no-report", "do not write report.md files"),
  );
  example(
    cmd,
    "claimcast run transcripts/ --db output/claimcast.db\n" +
      "claimcast run new-episode.vtt --json | jq -c 'select(.status==\"failed\")'\n" +
      "# crontab: every 10 minutes, quiet unless something fails\n" +
      "*/10 * * * * cd /srv/claimcast && node bin/claimcast.js run /data/transcripts --quiet",
  );
  cmd.action(async (paths: string[], opts: RunOpts) => {
    if (opts.format && !FORMAT_IDS.includes(opts.format as FormatId))
      throw new UsageError(`unknown --format '${opts.format}' (one of ${FORMAT_IDS.join(", ")})`);
    const jobs = opts.jobs === undefined ? defaultJobs() : Number(opts.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, got '${opts.jobs}'`);
    // A model given by hand is loaded here first, so a missing or broken file stops the run before any work.
    let scorer: Scorer | undefined;
    if (opts.model !== undefined) {
      try {
        const m = loadModel(opts.model);
        scorer = { name: `model ${m.version}`, threshold: m.threshold, scoreDocument: (s) => m.scoreDocument(s) };
      } catch (e) {
        throw new UsageError(`--model ${opts.model}: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    // The report folder is made first: one that cannot be (a file in its path, no permission) stops
    // the run before anything is stored, instead of failing after the episodes were.
    const outDir = opts.out ?? dirname(opts.db ?? DEFAULT_DB);
    if (opts.report !== false && opts.out !== undefined) {
      try {
        makeDir(outDir);
      } catch (e) {
        throw new UsageError(`--out ${opts.out}: ${(e as Error).message}`);
      }
    }
    const { files, missing, failed } = collectFiles(paths.length ? paths : ["transcripts/"]);
    const db = dbFrom(opts, { create: true });
    ensureDataset(db, FISCAL_DIR);
    const others = activeRuns(db, alive);
    const runId = startRun(db, process.pid);
    const chatty = !opts.quiet && !opts.json;
    const bar = createProgress(files.length);
    // Every stderr line goes out through oneLine: a file name with a line break or an escape
    // sequence stays on its line and is shown escaped, never sent raw to the terminal or cron mail.
    const say = (line: string) => (process.stderr.isTTY && chatty ? bar.log(line) : process.stderr.write(oneLine(line) + "\n"));
    const info = (line: string) => chatty && say(line);
    for (const o of others)
      info(`note: another claimcast run (pid ${o.pid}, started ${o.started_at}) is working on ${opts.db}; files it stores first are skipped here`);
    // Paths that are not there, folders that cannot be listed: each one failure line, and the rest goes on.
    const results: FileResult[] = [
      ...missing.map((p): FileResult => ({ path: p, episode: "", status: "failed", ms: 0, error: oneLine(`${p}: no such file or folder`) })),
      ...failed.map(({ path, error }): FileResult => ({ path, episode: "", status: "failed", ms: 0, error })),
    ];
    for (const r of results) say(r.error!);
    const emit = (r: FileResult) =>
      process.stdout.write(
        JSON.stringify({ path: r.path, episode: r.episode, status: r.status, ms: Math.round(r.ms), turns: r.turns ?? null, claims: r.claims ?? null, claims_added: r.claimsAdded ?? null, claims_orphaned: r.claimsOrphaned ?? null, note: r.note ?? null, error: r.error ?? null, warnings: r.warnings ?? [] }) + "\n",
      );
    if (opts.json) results.forEach(emit);
    const got = await runBatch(files, {
      db,
      jobs,
      force: opts.force,
      format: opts.format as FormatId | undefined,
      scorer,
      modelPath: opts.model,
      onFile: (r) => {
        if (r.status === "failed") say(r.error!);
        else {
          if (chatty && !process.stderr.isTTY)
            say(`${r.status} ${r.path}${r.status === "ingested" ? ` (${r.turns} turns, ${r.claims} claims)` : r.note ? ` (${r.note})` : ""}`);
          // A reader's warnings (a broken cue skipped, a cue ending before it starts): one line per file.
          const warned = r.warnings && warningLine(r.path, r.warnings);
          if (warned) info(warned);
        }
        if (chatty) bar.tick(r.path);
        if (opts.json) emit(r);
      },
    });
    bar.done();
    results.push(...got);
    if (opts.report !== false) {
      // Reports of the files ingested now, and of unchanged files whose report is missing (an
      // earlier run could not write it, or it was deleted). A report that cannot be written fails
      // its file (one line; the episode stays stored) and the run goes on.
      const episodes = new Map(listEpisodes(db).map((e) => [e.id, e]));
      for (const r of got) {
        const ep = episodes.get(r.episode);
        if (!ep || (r.status !== "ingested" && r.status !== "unchanged")) continue;
        const dir = join(outDir, r.episode);
        if (r.status === "unchanged" && existsSync(join(dir, "report.md"))) continue;
        try {
          writeOutput(dir, "report.md", renderReport(ep, exportTurns(db, ep.id), exportClaims(db, { episode: ep.id })));
        } catch (err) {
          Object.assign(r, { status: "failed", error: reportError(r.path, join(dir, "report.md"), err) } satisfies Partial<FileResult>);
          say(r.error!);
          if (opts.json) emit(r);
        }
      }
    }
    const count = (s: FileResult["status"]) => results.filter((r) => r.status === s).length;
    // --format reads only the files parsed now: say so when it did not apply to some.
    if (opts.format && !opts.force && count("unchanged") > 0)
      info(`note: --format ${opts.format} did not apply to ${count("unchanged")} unchanged file(s), which keep their stored format; add --force to re-read them`);
    const summary = {
      summary: true,
      files: results.length,
      ingested: count("ingested"),
      unchanged: count("unchanged"),
      failed: count("failed"),
      claims_added: got.reduce((a, r) => a + (r.claimsAdded ?? 0), 0),
    };
    finishRun(db, runId, {
      ingested: summary.ingested,
      unchanged: summary.unchanged,
      failed: summary.failed,
      claimsAdded: summary.claims_added,
      failures: results.filter((r) => r.status === "failed").map((r) => ({ path: r.path, error: r.error ?? "" })),
      pid: process.pid,
    });
    db.close();
    if (opts.json) process.stdout.write(JSON.stringify(summary) + "\n");
    else if (!opts.quiet)
      process.stderr.write(
        oneLine(`${summary.ingested} ingested, ${summary.unchanged} unchanged, ${summary.failed} failed, ${summary.claims_added} claims added → ${opts.db}`) + "\n",
      );
    process.exitCode = summary.failed > 0 ? EXIT.failed : EXIT.ok;
  });
}
