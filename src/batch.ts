import { readdirSync, realpathSync, statSync, writeFileSync, type Dirent } from "node:fs";
import { join, extname, resolve } from "node:path";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { decodeSource, sha256 } from "./core/source.js";
import type { FormatId } from "./core/types.js";
import { episodeIdOf, processSource, type StageTimes } from "./pipeline.js";
import { makeDir, type DB } from "./store/open.js";
import { writeEpisode } from "./store/episodes.js";
import { loadDataset } from "./store/dataset.js";
import { allHashes } from "./store/runs.js";
import { listEpisodes } from "./store/exports.js";
import { loadScorer, type Scorer } from "./claims/scorer.js";
import type { EpisodeRecord } from "./store/records.js";
import type { Dataset } from "./link/index.js";
import { clashError, describeError, oneLine, readInputFile, warningMessages } from "./batch-errors.js";

export { describeError, oneLine, reportError, warningLine } from "./batch-errors.js";

/** Extensions `run` picks up inside folders (files named explicitly are always read). */
export const TRANSCRIPT_EXTENSIONS = new Set([".txt", ".vtt", ".srt", ".json", ".html", ".htm", ".md"]);

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
  /** Set when an overlapping run stored the same content first. */
  note?: string;
  /** The readers' warnings (severity "warning", not "info") for a file parsed and stored now, in order. */
  warnings?: string[];
  times?: StageTimes;
  chars?: number;
  sentences?: number;
}

/** Options of {@link runBatch}. */
export interface BatchOptions {
  db: DB;
  force?: boolean;
  format?: FormatId;
  /** Threads parsing files: the main thread plus `jobs - 1` workers; 1 runs everything on the main thread. */
  jobs?: number;
  scorer?: Scorer;
  modelPath?: string;
  /** Called after each file (progress, JSON lines). */
  onFile?: (r: FileResult, done: number, total: number) => void;
}

/** Default `--jobs`: the number of cores. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Options of {@link collectFiles}. */
export interface CollectOptions {
  /** Lists a folder (default: `readdirSync` with file types); the tests pass one that fails. */
  readdir?: (dir: string) => Dirent[];
}

/**
 * Expand files and folders into transcript file paths (folders recursively, hidden files skipped),
 * sorted so runs are reproducible. A file named twice (`tx/ep.txt` and `./tx/ep.txt`, a folder and
 * a file in it, a symbolic link) is kept once, under the first spelling. A path that is not there
 * is in `missing`; a folder that cannot be listed (no permission) or a path that cannot be looked
 * up (a symbolic link loop) is in `failed` with its one-line error, and the rest is still collected.
 *
 * @example
 * collectFiles(["transcripts/"]);
 */
export function collectFiles(
  paths: string[],
  opts: CollectOptions = {},
): { files: string[]; missing: string[]; failed: { path: string; error: string }[] } {
  const readdir = opts.readdir ?? ((dir: string) => readdirSync(dir, { withFileTypes: true }));
  const files: string[] = [];
  const missing: string[] = [];
  const failed: { path: string; error: string }[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdir(dir);
    } catch (err) {
      failed.push({ path: dir, error: describeError(dir, err) });
      return;
    }
    for (const ent of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (ent.name.startsWith(".")) continue;
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (TRANSCRIPT_EXTENSIONS.has(extname(ent.name).toLowerCase())) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") missing.push(p);
      else failed.push({ path: p, error: describeError(p, err) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const key = realPath(f) ?? resolve(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: unique, missing, failed };
}

/** The real path of a file (symbolic links and `.`/`..` resolved), or undefined if it is not there. */
function realPath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

type Processed = { record: EpisodeRecord; times: StageTimes } | { error: string };

/** With workers, the main thread parses only files up to this size itself (see {@link runBatch}). */
const INLINE_MAX_BYTES = 4 << 20;

/** Files queued per worker: one being parsed, one waiting, so a worker never idles on the writer. */
const WORKER_DEPTH = 2;

interface Job {
  path: string;
  resolve: (p: Processed) => void;
}

/**
 * A fixed pool of pipeline workers, each with a queue of up to {@link WORKER_DEPTH} files. A worker
 * that dies on a file (out of memory, a crash in native code) fails that file only and is replaced;
 * the files queued behind it are handed to the replacement.
 */
class PipelinePool {
  private queued = new Map<Worker, Job[]>();
  private closing = false;
  private constructor(private readonly spawnWorker: () => Worker) {}

  static async start(n: number, dataset: Dataset, format?: FormatId, modelPath?: string): Promise<PipelinePool> {
    const here = import.meta.url;
    // Compiled: dist/worker.js. From the TypeScript sources (tests): src/worker.ts through tsx.
    const fromTs = here.endsWith(".ts");
    const url = new URL(fromTs ? "./worker.ts" : "./worker.js", here);
    const workerData = { dataset, format, modelPath };
    // No heap caps by default. They used to be 192 MB old / 24 MB young generation (for peak RSS), but
    // once the scorer and the row building allocated less, uncapped workers ran a 1,000-episode
    // `--jobs 2` batch 5-8 % faster (CPU -8 %) at about the same peak RSS (241-260 MB vs 231-274 MB).
    // CLAIMCAST_WORKER_HEAP_MB sets an old-generation cap (the tests use it to make a worker run out
    // of memory on purpose).
    const cap = Number(process.env.CLAIMCAST_WORKER_HEAP_MB);
    const resourceLimits = cap > 0 ? { maxOldGenerationSizeMb: cap } : {};
    const pool = new PipelinePool(() => new Worker(url, { workerData, resourceLimits, execArgv: fromTs ? ["--import", "tsx"] : [] }));
    await Promise.all(Array.from({ length: n }, () => pool.add()));
    return pool;
  }

  /** Start one worker; resolves when it has loaded the model and is ready for files. */
  private add(): Promise<Worker> {
    const w = this.spawnWorker();
    return new Promise<Worker>((resolve, reject) => {
      let ready = false;
      w.on("message", (m: { ready?: boolean } & Processed) => {
        if (m.ready) {
          ready = true;
          this.queued.set(w, []);
          resolve(w);
          return;
        }
        // A worker answers its files in the order it was given them.
        this.queued.get(w)?.shift()?.resolve(m);
      });
      let dead = false;
      const die = (why: string) => {
        if (dead || this.closing) return;
        dead = true;
        if (!ready) return reject(new Error(`pipeline worker failed to start: ${why}`));
        const jobs = this.queued.get(w) ?? [];
        this.queued.delete(w);
        const [crashed, ...rest] = jobs;
        // Replace it first, so the files queued behind the crashed one have somewhere to go.
        void this.add().then(
          (next) => {
            crashed?.resolve({ error: oneLine(`${crashed.path}: worker crashed on this file (${why})`) });
            for (const job of rest) this.send(next, job);
          },
          (err: Error) => {
            for (const job of jobs) job.resolve({ error: oneLine(`${job.path}: worker crashed (${why}) and could not be replaced (${err.message})`) });
          },
        );
      };
      w.on("error", (err) => die(err.message.split("\n")[0]));
      w.on("exit", (code) => die(`exit code ${code}`));
    });
  }

  /** The worker with the shortest queue, if any queue has room. */
  private leastBusy(): Worker | undefined {
    let best: Worker | undefined;
    for (const [w, jobs] of this.queued) {
      if (jobs.length < WORKER_DEPTH && (best === undefined || jobs.length < this.queued.get(best)!.length)) best = w;
    }
    return best;
  }

  /** Whether some worker can take a file now. */
  hasRoom(): boolean {
    return this.leastBusy() !== undefined;
  }

  private send(w: Worker, job: Job): void {
    this.queued.get(w)!.push(job);
    w.postMessage({ id: 0, path: job.path });
  }

  /** Queue one file on the least busy worker (call only when {@link hasRoom}). */
  process(path: string): Promise<Processed> {
    const w = this.leastBusy();
    if (!w) throw new Error("pipeline pool: no worker has room");
    return new Promise((resolve) => this.send(w, { path, resolve }));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.queued.keys()].map((w) => w.terminate()));
  }
}

/**
 * Ingest files: unchanged content is skipped without parsing (unless `force`); the CPU-bound
 * stages run on `jobs` worker threads; the main thread is the single writer and stores each file
 * in its own transaction, so a killed run leaves only whole episodes behind. A bad file is reported
 * and counted without stopping the rest. Results come back in the order of `files`; `onFile`
 * is called as each file finishes.
 *
 * @example
 * const results = await runBatch(["transcripts/a.txt"], { db, jobs: 2 });
 */
export async function runBatch(files: string[], opts: BatchOptions): Promise<FileResult[]> {
  const hashes = allHashes(opts.db);
  const results: FileResult[] = [];
  let done = 0;
  const finish = (r: FileResult) => {
    results.push(r);
    opts.onFile?.(r, ++done, files.length);
  };

  // Pass 1 (main thread): hash every file; unchanged ones are done without parsing.
  const todo: { path: string; episode: string; t0: number }[] = [];
  const owner = new Map<string, string>();
  // Source paths of stored episodes, read only if some stored episode is about to be replaced.
  let sources: Map<string, string> | undefined;
  const storedSource = (episode: string) => (sources ??= new Map(listEpisodes(opts.db).map((e) => [e.id, e.source]))).get(episode);
  for (const path of files) {
    const t0 = performance.now();
    const episode = episodeIdOf(path);
    const prev = owner.get(episode);
    if (prev) {
      finish({ path, episode, status: "failed", ms: 0, error: oneLine(`${path}: episode id '${episode}' is already taken by ${prev} in this run; rename one of them`) });
      continue;
    }
    owner.set(episode, path);
    // Only a file whose episode is stored needs hashing here; a new one is read once, by its worker.
    const stored = hashes.get(episode);
    if (!opts.force && stored !== undefined) {
      try {
        if (stored === sha256(readInputFile(path))) {
          finish({ path, episode, status: "unchanged", ms: performance.now() - t0 });
          continue;
        }
      } catch (err) {
        finish({ path, episode, status: "failed", ms: performance.now() - t0, error: describeError(path, err) });
        continue;
      }
    }
    // A different file with the same base name, stored by an earlier run, holds this episode id. If
    // that file is still there, replacing its episode would orphan its claims and their verdicts:
    // refuse, as for two such files in one run. If it is gone, this file is taken as its move.
    if (stored !== undefined) {
      const prevSource = storedSource(episode);
      if (prevSource !== undefined && prevSource !== path) {
        const prevReal = realPath(prevSource);
        if (prevReal !== undefined && prevReal !== (realPath(path) ?? resolve(path))) {
          finish({ path, episode, status: "failed", ms: performance.now() - t0, error: clashError(path, episode, prevSource) });
          continue;
        }
      }
    }
    todo.push({ path, episode, t0 });
  }
  const order = new Map(files.map((f, i) => [f, i]));
  const inOrder = () => results.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  if (todo.length === 0) return inOrder();

  // Pass 2: parse on the main thread and `jobs - 1` workers; write on the main thread.
  const dataset = loadDataset(opts.db);
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), todo.length));
  const scorer = opts.scorer ?? (await loadScorer(opts.modelPath));
  const processInline = (path: string): Processed => {
    try {
      const t0 = performance.now();
      const source = decodeSource(path, readInputFile(path));
      const decode = performance.now() - t0;
      const out = processSource(source, { scorer, dataset, format: opts.format });
      out.times.decode = decode;
      return out;
    } catch (err) {
      return { error: describeError(path, err) };
    }
  };
  const pool = jobs > 1 ? await PipelinePool.start(jobs - 1, dataset, opts.format, opts.modelPath) : undefined;
  // A batch writes a lot: let the WAL grow to 64 MB before it is copied back into the database
  // (the default, 4 MB, checkpoints and syncs every few episodes: ~15 % of the store time over
  // 1,000 episodes). Restored afterwards; closing the connection checkpoints what is left.
  const autoCheckpoint = opts.db.pragma("wal_autocheckpoint", { simple: true }) as number;
  opts.db.pragma("wal_autocheckpoint = 16384");
  const store = (item: (typeof todo)[number], out: Processed) => {
    const { path, episode, t0 } = item;
    if ("error" in out) {
      finish({ path, episode, status: "failed", ms: performance.now() - t0, error: out.error });
      return;
    }
    try {
      const tw = performance.now();
      const w = writeEpisode(opts.db, out.record, "ingest", { onlyIfChanged: !opts.force });
      const { record, times } = out;
      times.store = performance.now() - tw;
      const warnings = w.skipped ? undefined : warningMessages(record.episode.diagnostics);
      finish({
        path,
        episode,
        status: w.skipped ? "unchanged" : "ingested",
        note: w.skipped ? "stored meanwhile by an overlapping run" : undefined,
        ms: performance.now() - t0,
        turns: record.turns.length,
        claims: record.claims.filter((c) => !c.from_teaser).length,
        sentences: record.sentences.count,
        claimsAdded: w.claimsAdded,
        claimsOrphaned: w.claimsOrphaned,
        warnings: warnings?.length ? warnings : undefined,
        times,
      });
    } catch (err) {
      finish({ path, episode, status: "failed", ms: performance.now() - t0, error: describeError(path, err) });
    }
  };
  // Work sharing: each worker keeps up to two files queued (so it never waits while the main thread
  // is busy); the main thread parses the next file itself whenever every worker queue is full, and
  // stores results between files. With `--jobs 2` on two cores that is two busy threads, not three
  // (two workers plus a writer), one V8 heap and JIT warm-up fewer.
  const inFlight = new Set<Promise<void>>();
  const fileSize = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0; // processInline reports the file's own error
    }
  };
  try {
    for (const item of todo) {
      // A file too big to be a normal episode always goes to a worker: if it exhausts the worker's
      // heap it fails alone, and cannot take the batch (and the writer) down with it.
      if (pool && fileSize(item.path) > INLINE_MAX_BYTES) while (!pool.hasRoom() && inFlight.size > 0) await Promise.race(inFlight);
      if (pool?.hasRoom()) {
        const p: Promise<void> = pool.process(item.path).then((out) => {
          inFlight.delete(p);
          store(item, out);
        });
        inFlight.add(p);
      } else {
        store(item, processInline(item.path));
        // Let finished workers' results in (stored) before the main thread takes the next file.
        if (pool) await new Promise<void>((r) => setImmediate(r));
      }
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
    opts.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
  return inOrder();
}

/** Write `text` to `dir/name`, creating `dir` (a folder that cannot be made fails at once, see {@link makeDir}). */
export function writeOutput(dir: string, name: string, text: string): string {
  makeDir(dir);
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
