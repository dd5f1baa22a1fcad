// Skeleton pipelines: the least any pipeline with claimcast's duties must do, to put the bench's floor
// (read + regex sentence split) in context. Used by `scripts/bench-skeleton.ts` (all variants, interleaved
// rounds) and `scripts/bench.ts` (the `store-min` skeleton, once, beside the floor and the naive baseline).
import Database from "better-sqlite3";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * - `floor`: read (UTF-8) + regex split, as the bench's floor;
 * - `offsets`: the same split, keeping each sentence's start and end offset (provenance needs them);
 * - `score`: offsets + a check-worthiness scorer over every sentence, file by file (every sentence gets a score);
 * - `store-min`: score + SQLite with claimcast's pragmas (WAL, synchronous NORMAL, 64 MB autocheckpoint, one
 *   transaction per file): one row per file with its text and a BLOB of sentence offsets and scores, and a row
 *   per sentence at or above the threshold;
 * - `store-rows`: score + a row per sentence (offsets, text, score), 32 rows per INSERT, instead of the BLOB.
 * Nothing cleans, segments, tags, links or queues: that is the product, and it comes on top.
 */
export type SkeletonVariant = "floor" | "offsets" | "score" | "store-min" | "store-rows";
export const SKELETON_VARIANTS: SkeletonVariant[] = ["floor", "offsets", "score", "store-min", "store-rows"];

/** The floor's sentence split (the bench's floor, naive baseline and scoring rate all split with it). */
export const FLOOR_SPLIT = /(?<=[.?!])\s+/;
const SPLIT_G = new RegExp(FLOOR_SPLIT.source, "g");

export interface SkeletonScorer {
  threshold: number;
  scoreDocument: (sentences: readonly string[]) => Float64Array;
}


/** Sentences of `text` with their offsets: the floor's split, keeping where each piece starts and ends. */
export function sentencesOf(text: string): { texts: string[]; starts: Uint32Array; ends: Uint32Array } {
  const texts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let from = 0;
  SPLIT_G.lastIndex = 0;
  for (let m = SPLIT_G.exec(text); m !== null; m = SPLIT_G.exec(text)) {
    texts.push(text.slice(from, m.index));
    starts.push(from);
    ends.push(m.index);
    from = m.index + m[0].length;
  }
  texts.push(text.slice(from));
  starts.push(from);
  ends.push(text.length);
  return { texts, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

const ROWS = 32;
const SENTENCE_SQL = Array.from({ length: ROWS + 1 }, (_, r) => `INSERT INTO sentences VALUES ${Array(r).fill("(?, ?, ?, ?, ?, ?)").join(", ")}`);

function openSkeletonDb(file: string): Database.Database {
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("wal_autocheckpoint = 16384");
  db.exec(`
    CREATE TABLE docs (id INTEGER PRIMARY KEY, path TEXT NOT NULL, text TEXT NOT NULL, sentences BLOB NOT NULL);
    CREATE TABLE claims (doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
      text TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (doc_id, idx));
    CREATE TABLE sentences (doc_id INTEGER NOT NULL, idx INTEGER NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
      text TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (doc_id, idx));`);
  return db;
}

/**
 * One pass of a skeleton over `files`; seconds include closing the database (its last checkpoint). The
 * database is `dir/skeleton-VARIANT.db`, replaced at the start and removed at the end unless `keep`.
 */
export function runSkeleton(
  variant: SkeletonVariant,
  files: readonly string[],
  /** Needed by every variant but `floor` and `offsets`. */
  scorer: SkeletonScorer | undefined,
  dir: string,
  opts: { keep?: boolean } = {},
): { seconds: number; bytes: number; sentences: number; claims: number } {
  const t0 = performance.now();
  let bytes = 0;
  let sentences = 0;
  let claims = 0;
  const file = join(dir, `skeleton-${variant}.db`);
  const db = variant === "store-min" || variant === "store-rows" ? openSkeletonDb(file) : undefined;
  const insDoc = db?.prepare("INSERT INTO docs (id, path, text, sentences) VALUES (?, ?, ?, ?)");
  const insClaim = db?.prepare("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)");
  const insRows = db ? SENTENCE_SQL.map((s, r) => (r === 0 ? undefined : db.prepare(s))) : [];
  files.forEach((f, id) => {
    const text = readFileSync(f, "utf8");
    bytes += Buffer.byteLength(text);
    if (variant === "floor") {
      sentences += text.split(FLOOR_SPLIT).length;
      return;
    }
    const s = sentencesOf(text);
    const n = s.texts.length;
    sentences += n;
    if (variant === "offsets") return;
    if (!scorer) throw new Error(`skeleton ${variant} needs a scorer`);
    const scores = scorer.scoreDocument(s.texts);
    if (!db || !insDoc || !insClaim) return;
    db.transaction(() => {
      if (variant === "store-min") {
        const blob = Buffer.alloc(n * 12);
        for (let i = 0; i < n; i++) {
          blob.writeUInt32LE(s.starts[i], i * 12);
          blob.writeUInt32LE(s.ends[i], i * 12 + 4);
          blob.writeFloatLE(scores[i], i * 12 + 8);
        }
        insDoc.run(id, f, text, blob);
        for (let i = 0; i < n; i++)
          if (scores[i] >= scorer.threshold) {
            insClaim.run(id, i, s.starts[i], s.ends[i], s.texts[i], scores[i]);
            claims++;
          }
        return;
      }
      insDoc.run(id, f, text, Buffer.alloc(0));
      const args: unknown[] = [];
      for (let i = 0; i < n; ) {
        const r = Math.min(ROWS, n - i);
        args.length = 0;
        for (let k = 0; k < r; k++, i++) args.push(id, i, s.starts[i], s.ends[i], s.texts[i], scores[i]);
        insRows[r]?.run(args);
      }
    })();
  });
  if (db) {
    db.close();
    if (!opts.keep) for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  }
  return { seconds: (performance.now() - t0) / 1000, bytes, sentences, claims };
}
