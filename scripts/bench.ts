// npm run bench [-- --episodes N] [--huge] [--keep] [--jobs N] [--model FILE]
// Runs the full pipeline over synthetic corpora of 100 and N (default 1,000) episodes (and 10,000
// with --huge) into fresh databases, measures baselines on the same text in the same run, prints a
// table and writes output/bench.json. --model measures another check-worthiness model file (e.g. the
// conv ensemble built by `npm run train -- --recipe ens-convr+pw --out FILE`) instead of the shipped
// one. See README "Performance".
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import nlp from "compromise";
import { makeCorpus } from "./lib/corpus.js";
import { FLOOR_SPLIT, runSkeleton } from "./lib/skeleton.js";

const { values } = parseArgs({
  options: {
    episodes: { type: "string", default: "1000" },
    huge: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    jobs: { type: "string" },
    model: { type: "string" },
  },
});
const modelPath = values.model === undefined ? undefined : resolve(values.model);
if (modelPath !== undefined && !existsSync(modelPath)) {
  console.error(`bench: --model ${values.model}: no such file`);
  process.exit(2);
}
const big = Number(values.episodes);
const root = "output/bench";
const cores = cpus().length;
const jobsN = Number(values.jobs ?? cores);

if (!existsSync("dist/batch.js")) execFileSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });

const log = (s: string) => process.stderr.write(s + "\n");
const mb = (b: number) => b / 1e6;

function corpus(n: number): { dir: string; files: string[]; bytes: number } {
  const dir = join(root, `corpus-${n}`);
  const files = makeCorpus(dir, n, { seed: 7 });
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  return { dir, files, bytes };
}

function child(dir: string, db: string, jobs: number) {
  const r = spawnSync(process.execPath, ["scripts/bench-child.mjs", dir, db, String(jobs), ...(modelPath ? [modelPath] : [])], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
  if (out.failed) log(`warning: ${out.failed} files failed, e.g. ${out.first_error}`);
  return out as {
    files: number;
    bytes: number;
    wall_ms: number;
    stages_ms: Record<string, number>;
    sentences: number;
    claims: number;
    peak_rss_mb: number;
  };
}

/** Floor: read + regex sentence split only (the `floor` skeleton of scripts/lib/skeleton.ts). */
function floor(files: string[]) {
  const { seconds: s, bytes, sentences } = runSkeleton("floor", files, undefined, root);
  return { mb_per_s: mb(bytes) / s, sentences_per_s: sentences / s, sentences };
}

/** Naive pipeline: compromise on every sentence (people, places, numbers), no cleaning. */
function naive(files: string[]) {
  const t0 = performance.now();
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    bytes += Buffer.byteLength(text);
    for (const s of text.split(FLOOR_SPLIT)) {
      const doc = nlp(s);
      doc.people().out("array");
      doc.places().out("array");
      doc.numbers().out("array");
    }
  }
  const s = (performance.now() - t0) / 1000;
  return { mb_per_s: mb(bytes) / s };
}

type Scorer = import("../src/claims/scorer.js").Scorer;

async function loadBenchScorer(): Promise<Scorer> {
  const { loadScorer } = (await import("../dist/claims/scorer.js" as string)) as typeof import("../src/claims/scorer.js");
  return loadScorer(modelPath);
}

function scoreRate(files: string[], scorer: Scorer) {
  const docs = files.map((f) => readFileSync(f, "utf8").split(FLOOR_SPLIT));
  const n = docs.reduce((a, d) => a + d.length, 0);
  scorer.scoreDocument(docs[0]); // warm-up
  const t0 = performance.now();
  for (const d of docs) scorer.scoreDocument(d);
  const s = (performance.now() - t0) / 1000;
  return { sentences_per_s: n / s, scorer: scorer.name as string };
}

log(`machine: ${cores} cores (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const sizes = [100, big, ...(values.huge ? [10000] : [])];
const runs: Record<number, ReturnType<typeof child> & { corpus_mb: number }> = {};
let noop = 0;
let jobsRun: ReturnType<typeof child> | undefined;
const corpora: Record<number, ReturnType<typeof corpus>> = {};
for (const n of sizes) {
  log(`corpus of ${n} episodes…`);
  corpora[n] = corpus(n);
  const db = join(root, `run-${n}.db`);
  log(`  full pipeline, 1 thread…`);
  runs[n] = { ...child(corpora[n].dir, db, 1), corpus_mb: mb(corpora[n].bytes) };
  if (n === big) {
    log(`  no-op re-run (CLI, unchanged files)…`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["bin/claimcast.js", "run", corpora[n].dir, "--db", db, "--quiet", "--no-report", ...(modelPath ? ["--model", modelPath] : [])], { encoding: "utf8" });
    noop = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`no-op re-run failed: ${r.stderr}`);
    log(`  full pipeline, --jobs ${jobsN} (the main thread and ${jobsN - 1} worker${jobsN === 2 ? "" : "s"})…`);
    jobsRun = child(corpora[n].dir, join(root, `run-${n}-jobs.db`), jobsN);
  }
}
const main = runs[big];
const secs = main.wall_ms / 1000;
log(`baselines on the ${big}-episode corpus…`);
const fl = floor(corpora[big].files);
const nv = naive(corpora[100].files.slice(0, 30));
const scorer = await loadBenchScorer();
const sc = scoreRate(corpora[big].files, scorer);
// The least any design with claimcast's duties does: read, split with offsets, score every sentence, store
// each file's text with its sentences' offsets and scores and the sentences above the threshold (scripts/lib/skeleton.ts).
const sk = runSkeleton("store-min", corpora[big].files, scorer, root);
const skeletonMbPerS = mb(sk.bytes) / sk.seconds;

const stageRate = Object.fromEntries(
  Object.entries(main.stages_ms).map(([k, ms]) => [`${k}_mb_per_s`, main.corpus_mb / (ms / 1000)]),
);
const stageSum = Object.values(main.stages_ms).reduce((a, b) => a + b, 0);
// Hashing, scheduling, GC outside the measured stages.
const otherMs = Math.max(0, main.wall_ms - stageSum);
const result = {
  machine: { cores, cpu: cpus()[0]?.model ?? null, node: process.version, mem_gib: Math.round(totalmem() / 2 ** 30) },
  episodes: big,
  corpus_mb: main.corpus_mb,
  sentences: main.sentences,
  claims: main.claims,
  mb_per_s: main.corpus_mb / secs,
  sentences_per_s: main.sentences / secs,
  mb_per_s_jobs: jobsRun ? main.corpus_mb / (jobsRun.wall_ms / 1000) : null,
  floor_mb_per_s: fl.mb_per_s,
  naive_mb_per_s: nv.mb_per_s,
  skeleton_mb_per_s: skeletonMbPerS,
  score_sentences_per_s: sc.sentences_per_s,
  scorer: sc.scorer,
  peak_rss_mb: main.peak_rss_mb,
  peak_rss_mb_jobs: jobsRun?.peak_rss_mb ?? null,
  noop_rerun_s_1000: noop,
  jobs: jobsN,
  jobs_speedup: jobsRun ? main.wall_ms / jobsRun.wall_ms : null,
  scaling_1000_over_100: runs[big].wall_ms / runs[100].wall_ms,
  per_stage_ms: { ...main.stages_ms, other: otherMs },
  per_stage: stageRate,
  wall_s: Object.fromEntries(Object.entries(runs).map(([n, r]) => [n, r.wall_ms / 1000])),
  ratios: {
    end_to_end_over_floor: main.corpus_mb / secs / fl.mb_per_s,
    end_to_end_over_naive: main.corpus_mb / secs / nv.mb_per_s,
    skeleton_over_floor: skeletonMbPerS / fl.mb_per_s,
  },
};
writeFileSync("output/bench.json", JSON.stringify(result, null, 2) + "\n");
if (!values.keep) for (const n of sizes) rmSync(corpora[n].dir, { recursive: true, force: true });

const target = (ok: boolean) => (ok ? "ok" : "MISSED");
const rows: [string, string, string][] = [
  ["end-to-end (1 thread)", `${result.mb_per_s.toFixed(2)} MB/s, ${Math.round(result.sentences_per_s)} sentences/s`, ""],
  [`end-to-end (--jobs ${jobsN}, the default)`, `${result.mb_per_s_jobs?.toFixed(2)} MB/s`, `≥ 1/20 floor: ${((result.mb_per_s_jobs ?? 0) / fl.mb_per_s).toFixed(3)}; ≥ 30× naive: ${((result.mb_per_s_jobs ?? 0) / nv.mb_per_s).toFixed(1)}×`],
  ["floor (read + regex split)", `${fl.mb_per_s.toFixed(1)} MB/s`, `end-to-end ≥ 1/20 of floor: ${result.ratios.end_to_end_over_floor.toFixed(3)} ${target(result.ratios.end_to_end_over_floor >= 0.05)}`],
  ["skeleton (read, split, score, store; no cleaning, speakers, tags or queue)", `${skeletonMbPerS.toFixed(1)} MB/s`, `1/${(fl.mb_per_s / skeletonMbPerS).toFixed(1)} of the floor by itself`],
  ["naive (compromise per sentence)", `${nv.mb_per_s.toFixed(3)} MB/s`, `end-to-end ≥ 30× naive: ${result.ratios.end_to_end_over_naive.toFixed(1)}× ${target(result.ratios.end_to_end_over_naive >= 30)}`],
  ["claimcast score", `${Math.round(sc.sentences_per_s)} sentences/s (${sc.scorer})`, target(sc.sentences_per_s >= 50000)],
  [`peak RSS, ${big} episodes`, `${main.peak_rss_mb.toFixed(0)} MB (1 thread), ${jobsRun?.peak_rss_mb.toFixed(0)} MB (${jobsN} threads)`, target(Math.max(main.peak_rss_mb, jobsRun?.peak_rss_mb ?? 0) < 300)],
  [`no-op re-run, ${big} episodes`, `${noop.toFixed(2)} s`, target(noop < 1)],
  [`--jobs ${jobsN} speed-up`, `${result.jobs_speedup?.toFixed(2)}×`, ""],
  [`time ${big} / time 100`, `${result.scaling_1000_over_100.toFixed(2)}×`, target(result.scaling_1000_over_100 <= 11)],
  ...Object.entries(result.per_stage_ms).map(([k, ms]) => [`  stage ${k}`, `${(ms / 1000).toFixed(2)} s (${(main.corpus_mb / (ms / 1000)).toFixed(1)} MB/s)`, ""] as [string, string, string]),
];
console.log(`\nclaimcast bench: ${big} episodes, ${main.corpus_mb.toFixed(1)} MB, ${main.sentences} sentences, ${main.claims} claims\n`);
console.log("| measure | value | target |\n|---|---|---|");
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
console.log(`\nwritten to output/bench.json`);
