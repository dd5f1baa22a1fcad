// One measured ingest, in its own process so its peak RSS is its own:
//   node scripts/bench-child.mjs CORPUS_DIR DB_FILE JOBS [MODEL_FILE]
// Prints one JSON line: wall time (closing the database included), per-stage sums, bytes, sentences, peak RSS.
import { collectFiles, runBatch } from "../dist/batch.js";
import { openDb } from "../dist/store/open.js";
import { ensureDataset } from "../dist/store/dataset.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [dir, dbFile, jobsArg, modelPath] = process.argv.slice(2);
const jobs = Number(jobsArg ?? 1);
const db = openDb(dbFile);
ensureDataset(db, fileURLToPath(new URL("../data/fiscal/", import.meta.url)));
const { files } = collectFiles([dir]);
let bytes = 0;
for (const f of files) bytes += readFileSync(f).length;
const t0 = performance.now();
const results = await runBatch(files, { db, jobs, modelPath });
// Closing checkpoints what is left in the WAL into the database file: part of the run a user waits for.
const tc = performance.now();
db.close();
const closeMs = performance.now() - tc;
const wall = performance.now() - t0;
const stages = { decode: 0, read: 0, clean: 0, segment: 0, claims: 0, link: 0, rows: 0, store: 0 };
let sentences = 0;
let claims = 0;
for (const r of results) {
  for (const k of Object.keys(stages)) stages[k] += r.times?.[k] ?? 0;
  sentences += r.sentences ?? 0;
  claims += r.claims ?? 0;
}
const failed = results.filter((r) => r.status === "failed");
process.stdout.write(
  JSON.stringify({
    files: files.length,
    failed: failed.length,
    first_error: failed[0]?.error ?? null,
    bytes,
    wall_ms: wall,
    close_ms: closeMs,
    stages_ms: stages,
    sentences,
    claims,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  }) + "\n",
);
