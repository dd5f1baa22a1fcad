// npx tsx scripts/bench-skeleton.ts CORPUS_DIR [--rounds N] [--model FILE]
//
// How fast could any pipeline with claimcast's duties be, next to the bench's floor (read + regex sentence
// split)? Issue #10 asks end-to-end ≥ 1/20 of the floor. This times the skeletons of `scripts/lib/skeleton.ts`
// (floor, offsets, score, store-min, store-rows: the parts no design can leave out) on the same files, in one
// process, interleaved over several rounds, and prints the median of each with its share of the floor's MB/s.
// A corpus: `npx tsx scripts/make-corpus.ts` (the bench's is 1,000 episodes, seed 7). See docs/performance-log.md.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runSkeleton, SKELETON_VARIANTS, type SkeletonVariant } from "./lib/skeleton.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "3" }, model: { type: "string" } },
});
const rounds = Number(values.rounds);
if (positionals.length !== 1 || !(rounds >= 1)) {
  console.error("usage: npx tsx scripts/bench-skeleton.ts CORPUS_DIR [--rounds N] [--model FILE]");
  process.exit(2);
}
const dir = resolve(positionals[0]);
const files = readdirSync(dir)
  .sort()
  .map((f) => join(dir, f));

if (!existsSync(new URL("../dist/claims/scorer.js", import.meta.url))) {
  console.error("bench-skeleton: dist/ is not built; run `npm run build` first");
  process.exit(2);
}
const { loadScorer } = (await import("../dist/claims/scorer.js" as string)) as typeof import("../src/claims/scorer.js");
const scorer = await loadScorer(values.model === undefined ? undefined : resolve(values.model));

const work = mkdtempSync(join(tmpdir(), "claimcast-skeleton-"));
const times = Object.fromEntries(SKELETON_VARIANTS.map((v) => [v, [] as number[]])) as Record<SkeletonVariant, number[]>;
let info = { bytes: 0, sentences: 0, claims: 0 };
try {
  runSkeleton("score", files, scorer, work); // warm-up: JIT, page cache, the model's tables
  for (let r = 0; r < rounds; r++)
    for (const v of SKELETON_VARIANTS) {
      const x = runSkeleton(v, files, scorer, work);
      times[v].push(x.seconds);
      if (v === "store-min") info = { bytes: x.bytes, sentences: x.sentences, claims: x.claims };
    }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const mbps = (s: number) => info.bytes / 1e6 / s;
const floorMbps = mbps(median(times.floor));
console.log(
  `\nskeletons over ${files.length} files, ${(info.bytes / 1e6).toFixed(1)} MB, ${info.sentences} regex sentences, ${info.claims} at or above the threshold (${scorer.name}); ${cpus()[0]?.model ?? "?"}, Node ${process.version}; median of ${rounds} interleaved round${rounds === 1 ? "" : "s"}\n`,
);
console.log("| skeleton | seconds | MB/s | share of the floor's MB/s |\n|---|--:|--:|--:|");
for (const v of SKELETON_VARIANTS) {
  const s = median(times[v]);
  console.log(`| ${v} | ${s.toFixed(2)} | ${mbps(s).toFixed(1)} | 1/${(floorMbps / mbps(s)).toFixed(1)} |`);
}
console.log(
  JSON.stringify({
    ...info,
    files: files.length,
    scorer: scorer.name,
    rounds,
    seconds: times,
    mb_per_s: Object.fromEntries(SKELETON_VARIANTS.map((v) => [v, mbps(median(times[v]))])),
  }),
);
