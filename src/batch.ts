import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import { join, extname } from "node:path";
import PQueue from "p-queue";
import { decodeSource } from "./core/source.js";
import { TranscriptError } from "./core/diagnostic.js";
import type { FormatId } from "./core/types.js";
import { episodeIdOf, processSource, type StageTimes } from "./pipeline.js";
import type { DB } from "./store/open.js";
import { storedHash, writeEpisode } from "./store/episodes.js";
import { loadDataset } from "./store/dataset.js";
import { loadScorer, type Scorer } from "./claims/scorer.js";
import { sha256 } from "./core/source.js";

/** Extensions `run` picks up inside folders (files named explicitly are always read). */
export const TRANSCRIPT_EXTENSIONS = new Set([".txt", ".vtt", ".srt", ".json", ".html", ".htm", ".md", ".tsv", ".csv"]);

/** Outcome of one file. */
export interface FileResult {
  path: string;
  episode: string;
  status: "ingested" | "unchanged" | "failed";
  ms: number;
  turns?: number;
  claims?: number;
  claimsAdded?: number;
  claimsOrphaned?: number;
  error?: string;
  times?: StageTimes;
}

/** Options of {@link runBatch}. */
export interface BatchOptions {
  db: DB;
  force?: boolean;
  format?: FormatId;
  scorer?: Scorer;
  /** Called after each file (progress, JSON lines). */
  onFile?: (r: FileResult, done: number, total: number) => void;
}

/**
 * Expand files and folders into transcript file paths (folders recursively, hidden files skipped),
 * sorted so runs are reproducible.
 *
 * @example
 * collectFiles(["transcripts/"]);
 */
export function collectFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".")) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (TRANSCRIPT_EXTENSIONS.has(extname(name).toLowerCase())) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

/**
 * Ingest files one by one: unchanged content is skipped without parsing (unless `force`), each file
 * is stored in its own transaction, and a bad file is reported and counted without stopping the rest.
 *
 * @example
 * const results = await runBatch(["transcripts/"], { db });
 */
export async function runBatch(files: string[], opts: BatchOptions): Promise<FileResult[]> {
  const scorer = opts.scorer ?? (await loadScorer());
  const dataset = loadDataset(opts.db);
  const results: FileResult[] = [];
  const queue = new PQueue({ concurrency: 1 });
  let done = 0;
  for (const path of files) {
    queue.add(async () => {
      const t0 = performance.now();
      const episode = episodeIdOf(path);
      let r: FileResult;
      try {
        const bytes = readFileSync(path);
        if (!opts.force && storedHash(opts.db, episode) === sha256(bytes)) {
          r = { path, episode, status: "unchanged", ms: performance.now() - t0 };
        } else {
          const source = decodeSource(path, bytes);
          const { record, times } = processSource(source, { scorer, dataset, format: opts.format });
          const w = writeEpisode(opts.db, record);
          r = {
            path,
            episode,
            status: "ingested",
            ms: performance.now() - t0,
            turns: record.turns.length,
            claims: record.claims.filter((c) => !c.from_teaser).length,
            claimsAdded: w.claimsAdded,
            claimsOrphaned: w.claimsOrphaned,
            times,
          };
        }
      } catch (err) {
        r = { path, episode, status: "failed", ms: performance.now() - t0, error: describeError(path, err) };
      }
      results.push(r);
      opts.onFile?.(r, ++done, files.length);
    });
  }
  await queue.onIdle();
  return results;
}

/**
 * One line for a failed file: `path:line: reason` for input problems, `path: internal error: ...` else.
 *
 * @example
 * describeError("a.vtt", new TranscriptError("a.vtt", "empty file")); // "a.vtt: empty file"
 */
export function describeError(path: string, err: unknown): string {
  if (err instanceof TranscriptError) return err.message.split("\n")[0];
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "EACCES") return `${path}: permission denied`;
  if (e?.code === "EISDIR") return `${path}: is a directory`;
  const msg = e instanceof Error ? e.message : String(err);
  return `${path}: internal error: ${msg.split("\n")[0]}`;
}

/** Write `text` to `dir/name`, creating `dir`. */
export function writeOutput(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
