/**
 * `npm run eval [-- --data DIR] [--folds K] [--seeds N] [--only NAME[,NAME…] | --all] [--seed-add S]`: the official
 * CheckThat! measures for the plain TF-IDF baseline, each learner of `CONFIGS`, the score-level ensembles of
 * `ENSEMBLES` and `EVAL_ENSEMBLES`, and the shipped model (`data/model/checkworthiness.json`, loaded as the
 * runtime loads it).
 *
 * `--only` evaluates just the named rows (learners or ensembles; an ensemble brings its members, and the
 * baseline is always there for the paired comparison): one recipe's dev + CV figures in minutes instead of
 * the whole table. A few rows (`ON_REQUEST`: the conv seed check) run only when named or with `--all`.
 * `--seed-add S` adds S to the seed of every row but the baseline (a second-seed check of dev and CV; the
 * cache keys include the seed).
 *
 * Two estimates per row: the fixed dev documents (11 events never trained on), and leave-events-out
 * cross-validation over the training events (`--folds`, default 5; see `checkworthiness-cv.ts`): CV MAP
 * is the less noisy one (33 events instead of 11). Prints one table and writes `output/eval.json`.
 * Set `CW_CACHE=DIR` to cache each configuration's scores between runs (keyed by the configuration).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadModel } from "../src/claims/checkworthiness.js";
import { combine, cvMeasures, cvScores, devReport, devScores, ENSEMBLES, type ScoredDoc } from "./lib/checkworthiness-cv.js";
import { dataDirFromArgv } from "./lib/checkworthiness-data.js";
import { CONFIGS, EVAL_ENSEMBLES, ON_REQUEST, evaluateDev, loadData, trainConfig, type DevReport } from "./lib/checkworthiness-experiment.js";
import { docMeasures, K_VALUES, type Measures } from "./lib/checkworthiness-metrics.js";
import { pointAt } from "./lib/checkworthiness-threshold.js";

const argv = process.argv.slice(2);
const num = (name: string, dflt: number): number => (argv.indexOf(name) >= 0 ? Number(argv[argv.indexOf(name) + 1]) : dflt);
const seedsArg = num("--seeds", 1);
const folds = num("--folds", 5);
const seedAdd = num("--seed-add", 0);
const onlyArg = argv.indexOf("--only") >= 0 ? new Set(argv[argv.indexOf("--only") + 1].split(",")) : undefined;
const allEnsembles = [...ENSEMBLES, ...EVAL_ENSEMBLES];
if (onlyArg) {
  const known = new Set([...CONFIGS.map((c) => c.name), ...allEnsembles.map((e) => e.name)]);
  for (const n of onlyArg) if (!known.has(n)) throw new Error(`--only: unknown row ${n}`);
}
const all = argv.includes("--all");
const ensembles = allEnsembles.filter((e) => (onlyArg ? onlyArg.has(e.name) : all || !ON_REQUEST.has(e.name)));
const wanted = onlyArg && new Set(["baseline", ...onlyArg, ...ensembles.flatMap((e) => e.members.map((m) => m.name))]);
const configs = CONFIGS.filter((c) => (wanted ? wanted.has(c.name) : all || !ON_REQUEST.has(c.name))).map((c) => (seedAdd && c.name !== "baseline" ? { ...c, seed: c.seed + seedAdd } : c));
const data = loadData(dataDirFromArgv(argv));
const { split } = data;

interface Row {
  name: string;
  description: string;
  report: DevReport;
  cv?: Measures;
  /** Dev MAP for each extra seed (the first is the row's own seed), to show the seed noise. */
  seedMaps: number[];
}

const rows: Row[] = [];
const cvByName = new Map<string, ScoredDoc[]>();
const devByName = new Map<string, ScoredDoc[]>();
for (const c of configs) {
  const t0 = performance.now();
  const dev = devScores(data, c);
  const cv = cvScores(data, c, folds);
  devByName.set(c.name, dev);
  cvByName.set(c.name, cv);
  const report = devReport(split.dev, dev);
  const seedMaps = [report.all.map];
  for (let s = 1; s < seedsArg; s++) seedMaps.push(evaluateDev(split.dev, trainConfig(data, { ...c, seed: c.seed + s }).raw).all.map);
  rows.push({ name: c.name, description: c.description, report, cv: cvMeasures(cv), seedMaps });
  process.stderr.write(`${c.name} done (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
}
for (const e of ensembles) {
  const pick = (m: Map<string, ScoredDoc[]>): ScoredDoc[][] => e.members.map((x) => m.get(x.name) as ScoredDoc[]);
  const dev = combine(e, pick(devByName));
  const cv = combine(e, pick(cvByName));
  devByName.set(e.name, dev);
  cvByName.set(e.name, cv);
  const report = devReport(split.dev, dev);
  rows.push({ name: e.name, description: e.description, report, cv: cvMeasures(cv), seedMaps: [report.all.map] });
}
const modelPath = fileURLToPath(new URL("../data/model/checkworthiness.json", import.meta.url));
const shipped = loadModel(modelPath);
const shippedReport = evaluateDev(split.dev, shipped.scoreDocument);
const meta = (JSON.parse(readFileSync(modelPath, "utf8")) as { meta?: { recipe?: string; learner?: string } }).meta;
const recipe = meta?.recipe ?? meta?.learner;
const recipeRow = rows.find((r) => r.name === recipe);
rows.push({
  name: `shipped (${shipped.version})`,
  description: `data/model/checkworthiness.json${recipe ? ` (recipe "${recipe}"; CV = that row's)` : ""}`,
  report: shippedReport,
  cv: recipeRow?.cv,
  seedMaps: [shippedReport.all.map],
});

const f3 = (x: number | undefined): string => (x === undefined ? "—" : x.toFixed(3));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const header = ["learner", "MAP", "R-prec", "P@1", "P@5", "P@10", "MRR", "MAP 2021dev", "MAP 2019ed", `CV MAP (${folds} folds)`, "CV R-prec"];
if (seedsArg > 1) header.push(`MAP mean/${seedsArg} seeds`);
const table = [
  header,
  ...rows.map((r) => {
    const a = r.report.all;
    const cells = [r.name, f3(a.map), f3(a.rPrecision), f3(a.pAt[1]), f3(a.pAt[5]), f3(a.pAt[10]), f3(a.mrr), f3(r.report.clef2021.map), f3(r.report.clef2019.map), f3(r.cv?.map), f3(r.cv?.rPrecision)];
    if (seedsArg > 1) cells.push(f3(mean(r.seedMaps)));
    return cells;
  }),
];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row: string[]): string => "| " + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
const cvDocs = cvByName.get(configs[0].name) ?? [];
console.log(`Dev: ${split.dev.length} documents (${shippedReport.all.docs} with positives), ${split.dev.reduce((s, d) => s + d.sentences.length, 0)} sentences, ${split.dev.reduce((s, d) => s + d.positives, 0)} positives.`);
console.log(`Training: ${split.trainEvents.length} events (all distinct editions, each 1/k) + ${data.claimBuster.length} ClaimBuster sentences.`);
console.log(`CV: ${folds} folds over the ${split.trainEvents.length} training events (round-robin by event key), ${cvDocs.length} distinct held-out editions; per event mean AP over its editions, then mean over events.`);
console.log("2021dev = the 6 CLEF-2021 1B dev documents; 2019ed = the 4 dev documents with 2019-edition labels.");
if (onlyArg) console.log(`Only: ${[...onlyArg].join(", ")} (and their members, and the baseline).`);
if (seedAdd) console.log(`Seeds: every row but the baseline at its seed + ${seedAdd}.`);
console.log("");
console.log(line(table[0]));
console.log("|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
for (const r of table.slice(1)) console.log(line(r));

// Paired against the baseline, event by event (33 CV events + 11 dev events, each weighing the same):
// the model-choice rule of data/model/README.md.
const apByEvent = (name: string): Map<string, number> => {
  const per = new Map<string, number[]>();
  for (const d of [...(cvByName.get(name) ?? []), ...(devByName.get(name) ?? [])]) {
    const m = docMeasures(d.scores, d.labels);
    if (m.positives === 0) continue;
    const a = per.get(d.event) ?? [];
    a.push(m.ap);
    per.set(d.event, a);
  }
  return new Map([...per].map(([k, a]) => [k, mean(a)]));
};
const baseAp = apByEvent("baseline");
const devEvents = new Set((devByName.get("baseline") ?? []).map((d) => d.event));
console.log(
  `\nPaired with the baseline (${rows[0].name}: dev MAP ${f3(rows[0].report.all.map)}, CV MAP ${f3(rows[0].cv?.map)}) over all events (CV + dev, each event once): ` +
    "mean AP difference ± s.e. (events better/worse); combined = event-weighted mean of CV and dev MAP (the model-choice rule); " +
    `then the dev and CV differences alone, each ± its own paired s.e. (dev: ${devEvents.size} events, so its s.e. is what a dev difference must be read against).`,
);
/** Mean and standard error of a list of paired differences. */
const meanSe = (xs: number[]): [number, number] => {
  const m = mean(xs);
  return [m, Math.sqrt(xs.reduce((a, d) => a + (d - m) ** 2, 0) / (xs.length - 1) / xs.length)];
};
for (const r of rows) {
  if (!cvByName.has(r.name) || r.name === "baseline") continue;
  const ap = apByEvent(r.name);
  const byEvent = [...ap].map(([k, v]): [string, number] => [k, v - (baseAp.get(k) ?? 0)]);
  const diffs = byEvent.map(([, d]) => d);
  const [m, se] = meanSe(diffs);
  const [, devSe] = meanSe(byEvent.filter(([k]) => devEvents.has(k)).map(([, d]) => d));
  const [, cvSe] = meanSe(byEvent.filter(([k]) => !devEvents.has(k)).map(([, d]) => d));
  const nCv = split.trainEvents.length;
  const nDev = split.dev.length;
  const combined = r.cv ? (nCv * r.cv.map + nDev * r.report.all.map) / (nCv + nDev) : NaN;
  const dd = r.report.all.map - rows[0].report.all.map;
  const cd = (r.cv?.map ?? NaN) - (rows[0].cv?.map ?? NaN);
  const sign = (x: number): string => `${x >= 0 ? "+" : ""}${x.toFixed(3)}`;
  console.log(
    `  ${r.name.padEnd(widths[0])} ${sign(m)} ± ${se.toFixed(3)}  (${diffs.filter((d) => d > 0).length}/${diffs.filter((d) => d < 0).length})  combined ${f3(combined)}  dev ${sign(dd)} ± ${devSe.toFixed(3)}, CV ${sign(cd)} ± ${cvSe.toFixed(3)} vs baseline`,
  );
}

console.log("\nAP per dev document (shipped):");
for (const d of shippedReport.perDoc) console.log(`  ${d.id.padEnd(64)} ${String(d.sentences).padStart(5)} sent ${String(d.positives).padStart(3)} pos  AP ${f3(d.ap)}`);

// The queue threshold on pooled dev sentences.
const scores: number[] = [];
const labels: number[] = [];
for (const d of split.dev) {
  scores.push(...shipped.scoreDocument(d.sentences));
  labels.push(...d.labels);
}
const at = pointAt(scores, labels, shipped.threshold);
console.log(
  `\nShipped threshold ${shipped.threshold}: precision ${f3(at.precision)}, recall ${f3(at.recall)}, flags ${(100 * at.flagged).toFixed(1)}% of dev sentences ` +
    `(dev positive rate ${(100 * labels.filter((y) => y === 1).length / labels.length).toFixed(2)}%).`,
);

const out = {
  generated: new Date().toISOString(),
  dev: { documents: split.dev.map((d) => d.id), devEvents: split.devEvents.map((e) => e.key), trainEvents: split.trainEvents.map((e) => e.key) },
  cvFolds: folds,
  kValues: K_VALUES,
  rows: rows.map((r) => ({ name: r.name, description: r.description, seedMaps: r.seedMaps, cv: r.cv, ...r.report })),
  shippedThreshold: at,
};
mkdirSync(fileURLToPath(new URL("../output/", import.meta.url)), { recursive: true });
// A partial run (--only / --seed-add) does not overwrite the full table's output/eval.json.
const outName = onlyArg || seedAdd ? `eval-only-${[...(onlyArg ?? ["all"])].join("+").replace(/[^A-Za-z0-9+._-]/g, "_")}${seedAdd ? `-seed+${seedAdd}` : ""}.json` : "eval.json";
writeFileSync(fileURLToPath(new URL(`../output/${outName}`, import.meta.url)), JSON.stringify(out, null, 2) + "\n");
console.log(`\nwrote output/${outName}`);
