/**
 * `npm run eval [-- --data DIR] [--seeds N]`: the official CheckThat! measures on the dev documents
 * for the plain TF-IDF baseline, each learner of `CONFIGS` (trained here, on the same training
 * events), and the shipped model (`data/model/checkworthiness.json`, loaded as the runtime loads it).
 * Prints one table and writes `output/eval.json`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadModel } from "../src/claims/checkworthiness.js";
import { dataDirFromArgv } from "./lib/checkworthiness-data.js";
import { CONFIGS, evaluateDev, loadData, SHIPPED, trainConfig, type DevReport } from "./lib/checkworthiness-experiment.js";
import { K_VALUES } from "./lib/checkworthiness-metrics.js";
import { pointAt } from "./lib/checkworthiness-threshold.js";

const argv = process.argv.slice(2);
const seedsArg = argv.indexOf("--seeds") >= 0 ? Number(argv[argv.indexOf("--seeds") + 1]) : 3;
const data = loadData(dataDirFromArgv(argv));
const { split } = data;

interface Row {
  name: string;
  description: string;
  report: DevReport;
  /** MAP for each extra seed (the first is the row's own seed), to show the seed noise. */
  seedMaps: number[];
  trainSeconds?: number;
}

const rows: Row[] = [];
for (const c of CONFIGS) {
  const t = trainConfig(data, c);
  const report = evaluateDev(split.dev, t.raw);
  const seedMaps = [report.all.map];
  for (let s = 1; s < seedsArg; s++) seedMaps.push(evaluateDev(split.dev, trainConfig(data, { ...c, seed: c.seed + s }).raw).all.map);
  rows.push({ name: c.name, description: c.description, report, seedMaps, trainSeconds: t.seconds });
  process.stderr.write(`${c.name} done\n`);
}
const modelPath = fileURLToPath(new URL("../data/model/checkworthiness.json", import.meta.url));
const shipped = loadModel(modelPath);
const shippedReport = evaluateDev(split.dev, shipped.scoreDocument);
rows.push({ name: `shipped (${shipped.version})`, description: `data/model/checkworthiness.json (config "${SHIPPED}")`, report: shippedReport, seedMaps: [shippedReport.all.map] });

const f3 = (x: number): string => x.toFixed(3);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const header = ["learner", "MAP", "R-prec", "P@1", "P@3", "P@5", "P@10", "MRR", "MAP 2021dev", "MAP 2019ed", `MAP mean/${seedsArg} seeds`];
const table = [header, ...rows.map((r) => [r.name, f3(r.report.all.map), f3(r.report.all.rPrecision), f3(r.report.all.pAt[1]), f3(r.report.all.pAt[3]), f3(r.report.all.pAt[5]), f3(r.report.all.pAt[10]), f3(r.report.all.mrr), f3(r.report.clef2021.map), f3(r.report.clef2019.map), f3(mean(r.seedMaps))])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row: string[]): string => "| " + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
console.log(`Dev: ${split.dev.length} documents (${shippedReport.all.docs} with positives), ${split.dev.reduce((s, d) => s + d.sentences.length, 0)} sentences, ${split.dev.reduce((s, d) => s + d.positives, 0)} positives.`);
console.log(`Training: ${split.trainEvents.length} events (all distinct editions, each 1/k) + ${data.claimBuster.length} ClaimBuster sentences.`);
console.log("2021dev = the 6 CLEF-2021 1B dev documents; 2019ed = the 4 dev documents with 2019-edition labels.\n");
console.log(line(table[0]));
console.log("|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
for (const r of table.slice(1)) console.log(line(r));

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
  kValues: K_VALUES,
  rows: rows.map((r) => ({ name: r.name, description: r.description, trainSeconds: r.trainSeconds, seedMaps: r.seedMaps, ...r.report })),
  shippedThreshold: at,
};
mkdirSync(fileURLToPath(new URL("../output/", import.meta.url)), { recursive: true });
writeFileSync(fileURLToPath(new URL("../output/eval.json", import.meta.url)), JSON.stringify(out, null, 2) + "\n");
console.log("\nwrote output/eval.json");
