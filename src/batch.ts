import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import { join, extname } from "node:path";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import PQueue from "p-queue";
import { decodeSource, sha256 } from "./core/source.js";
import type { FormatId } from "./core/types.js";
import { episodeIdOf, processSource, type StageTimes } from "./pipeline.js";
import type { DB } from "./store/open.js";
import { writeEpisode } from "./store/episodes.js";
import { loadDataset } from "./store/dataset.js";
import { allHashes } from "./store/runs.js";
import { loadScorer, type Scorer } from "./claims/scorer.js";
import type { EpisodeRecord } from "./store/records.js";
import type { Dataset } from "./link/index.js";
import { describeError } from "./batch-errors.js";

export { describeError } from "./batch-errors.js";

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
  times?: StageTimes;
  chars?: number;
  sentences?: number;
}

/** Options of {@link runBatch}. */
export interface BatchOptions {
  db: DB;
  force?: boolean;
  format?: FormatId;
  /** Worker threads for the CPU-bound stages; 1 runs everything on the main thread. */
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
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
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
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing };
}

type Processed = { record: EpisodeRecord; times: StageTimes } | { error: string };

/**
 * A fixed pool of pipeline workers; each takes one file at a time. A worker that dies on a file
 * (out of memory, a crash in native code) fails that file only and is replaced.
 */
class PipelinePool {
  private idle: Worker[] = [];
  private waiting: ((w: Worker) => void)[] = [];
  private busy = new Map<Worker, { path: string; resolve: (p: Processed) => void }>();
  private live = new Set<Worker>();
  private closing = false;
  private constructor(private readonly spawnWorker: () => Worker) {}

  static async start(n: number, dataset: Dataset, format?: FormatId, modelPath?: string): Promise<PipelinePool> {
    const here = import.meta.url;
    // Compiled: dist/worker.js. From the TypeScript sources (tests): src/worker.ts through tsx.
    const fromTs = here.endsWith(".ts");
    const url = new URL(fromTs ? "./worker.ts" : "./worker.js", here);
    const workerData = { dataset, format, modelPath };
    // Modest heap caps make each worker collect sooner (its live data is one file at a time). The
    // young generation matters most: V8's default (~32 MB) put a 2-worker run of 1,000 episodes at
    // 265-292 MB peak RSS, 24 MB at ~246 MB for ~3 % more time. CLAIMCAST_WORKER_HEAP_MB overrides
    // the old-generation cap.
    const resourceLimits = { maxOldGenerationSizeMb: Number(process.env.CLAIMCAST_WORKER_HEAP_MB) || 192, maxYoungGenerationSizeMb: 24 };
    const pool = new PipelinePool(() => new Worker(url, { workerData, resourceLimits, execArgv: fromTs ? ["--import", "tsx"] : [] }));
    await Promise.all(Array.from({ length: n }, () => pool.add()));
    return pool;
  }

  /** Start one worker; resolves when it has loaded the model and is idle. */
  private add(): Promise<void> {
    const w = this.spawnWorker();
    this.live.add(w);
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      w.on("message", (m: { ready?: boolean } & Processed) => {
        if (m.ready) {
          ready = true;
          this.release(w);
          resolve();
          return;
        }
        const job = this.busy.get(w);
        this.busy.delete(w);
        this.release(w);
        job?.resolve(m);
      });
      const die = (why: string) => {
        if (!this.live.delete(w) || this.closing) return;
        if (!ready) return reject(new Error(`pipeline worker failed to start: ${why}`));
        const job = this.busy.get(w);
        this.busy.delete(w);
        this.idle = this.idle.filter((x) => x !== w);
        // Replace it first, so the queue always finds an idle worker for the next file.
        void this.add().then(() => job?.resolve({ error: `${job.path}: worker crashed on this file (${why})` }));
      };
      w.on("error", (err) => die(err.message.split("\n")[0]));
      w.on("exit", (code) => die(`exit code ${code}`));
    });
  }

  /** Hand a free worker to the next file waiting for one, or park it. */
  private release(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  /** Process one file on the next free worker (waiting for one if all are busy). */
  async process(path: string): Promise<Processed> {
    const w = this.idle.pop() ?? (await new Promise<Worker>((r) => this.waiting.push(r)));
    return new Promise((resolve) => {
      this.busy.set(w, { path, resolve });
      w.postMessage({ id: 0, path });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.live].map((w) => w.terminate()));
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
  for (const path of files) {
    const t0 = performance.now();
    const episode = episodeIdOf(path);
    const prev = owner.get(episode);
    if (prev) {
      finish({ path, episode, status: "failed", ms: 0, error: `${path}: episode id '${episode}' is already taken by ${prev} in this run; rename one of them` });
      continue;
    }
    owner.set(episode, path);
    // Only a file whose episode is stored needs hashing here; a new one is read once, by its worker.
    const stored = hashes.get(episode);
    if (!opts.force && stored !== undefined) {
      try {
        if (stored === sha256(readFileSync(path))) {
          finish({ path, episode, status: "unchanged", ms: performance.now() - t0 });
          continue;
        }
      } catch (err) {
        finish({ path, episode, status: "failed", ms: performance.now() - t0, error: describeError(path, err) });
        continue;
      }
    }
    todo.push({ path, episode, t0 });
  }
  const order = new Map(files.map((f, i) => [f, i]));
  const inOrder = () => results.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  if (todo.length === 0) return inOrder();

  // Pass 2: parse on workers (or inline), write on the main thread.
  const dataset = loadDataset(opts.db);
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), todo.length));
  let pool: PipelinePool | undefined;
  let processInline: ((path: string) => Processed) | undefined;
  if (jobs > 1) pool = await PipelinePool.start(jobs, dataset, opts.format, opts.modelPath);
  else {
    const scorer = opts.scorer ?? (await loadScorer(opts.modelPath));
    processInline = (path) => {
      try {
        const t0 = performance.now();
        const source = decodeSource(path, readFileSync(path));
        const decode = performance.now() - t0;
        const out = processSource(source, { scorer, dataset, format: opts.format });
        out.times.decode = decode;
        return out;
      } catch (err) {
        return { error: describeError(path, err) };
      }
    };
  }
  // A batch writes a lot: let the WAL grow to 64 MB before it is copied back into the database
  // (the default, 4 MB, checkpoints and syncs every few episodes: ~15 % of the store time over
  // 1,000 episodes). Restored afterwards; closing the connection checkpoints what is left.
  const autoCheckpoint = opts.db.pragma("wal_autocheckpoint", { simple: true }) as number;
  opts.db.pragma("wal_autocheckpoint = 16384");
  // One file more in flight than there are workers, so no worker waits while the main thread stores
  // a file (~7 % faster over 1,000 episodes; records are compact columns, so the extra one costs
  // little memory).
  const queue = new PQueue({ concurrency: jobs > 1 ? jobs + 1 : 1 });
  try {
    for (const item of todo) {
      queue.add(async () => {
        const out = pool ? await pool.process(item.path) : processInline!(item.path);
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
            times,
          });
        } catch (err) {
          finish({ path, episode, status: "failed", ms: performance.now() - t0, error: describeError(path, err) });
        }
      });
    }
    await queue.onIdle();
  } finally {
    await pool?.close();
    opts.db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
  }
  return inOrder();
}

/** Write `text` to `dir/name`, creating `dir`. */
export function writeOutput(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
