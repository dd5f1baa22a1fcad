/**
 * `npm run train [-- --data DIR] [--learner NAME] [--out FILE]`: rebuild the shipped
 * check-worthiness model (`data/model/checkworthiness.json`) deterministically.
 *
 * Trains the shipped configuration on the training events (every CLEF edition of each non-dev event,
 * plus ClaimBuster), then fits Platt calibration and picks the queue threshold on the dev documents.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeWeights, modelFromWeights, type CheckworthinessModelFile } from "../src/claims/checkworthiness.js";
import { dataDirFromArgv } from "./lib/checkworthiness-data.js";
import { configByName, evaluateDev, loadData, SHIPPED, trainConfig } from "./lib/checkworthiness-experiment.js";
import { fitPlatt } from "./lib/checkworthiness-learn.js";
import { chooseThreshold } from "./lib/checkworthiness-threshold.js";

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const out = opt("--out") ?? fileURLToPath(new URL("../data/model/checkworthiness.json", import.meta.url));
const config = configByName(opt("--learner") ?? SHIPPED);

const t0 = performance.now();
const data = loadData(dataDirFromArgv(argv));
const { split } = data;
console.error(
  `data: ${split.events.length} events, ${split.trainEvents.length} for training, ${split.dev.length} dev documents; ` +
    `ClaimBuster ${data.claimBuster.length} sentences (${data.claimBusterDropped} dropped: verbatim in dev)`,
);
const trained = trainConfig(data, config);
if (!trained.model) throw new Error(`${config.name}: no linear weights to ship`);
console.error(`trained ${config.name} in ${trained.seconds.toFixed(1)} s`);

// Calibrate and choose the threshold on dev (neither changes the ranking).
const rawScores: number[] = [];
const labels: number[] = [];
for (const d of split.dev) {
  rawScores.push(...trained.raw(d.sentences));
  labels.push(...d.labels);
}
const calibration = fitPlatt(rawScores, labels);
const calibrated = rawScores.map((z) => 1 / (1 + Math.exp(-(calibration.a * z + calibration.b))));
const point = chooseThreshold(calibrated, labels);
const threshold = Number(point.threshold.toPrecision(4));
const model = modelFromWeights(trained.model.weights, trained.model.bias, config.features, calibration, threshold);
const dev = evaluateDev(split.dev, model.scoreDocument);

const file: CheckworthinessModelFile = {
  format: "claimcast-checkworthiness/1",
  version: `cw-${config.name}-1`,
  features: config.features,
  weights: encodeWeights(trained.model.weights),
  bias: trained.model.bias,
  calibration,
  threshold,
  meta: {
    learner: config.name,
    description: config.description,
    hyper: { epochs: config.epochs, eta: config.eta, l2: config.l2, posWeight: config.posWeight, cbWeight: config.cbWeight, cbPosWeight: config.cbPosWeight, editions: config.editions, seed: config.seed },
    trainEvents: split.trainEvents.map((e) => e.key),
    devDocuments: split.dev.map((d) => d.id),
    claimBusterSentences: data.claimBuster.length,
    thresholdPoint: point,
    dev: { map: dev.all.map, rPrecision: dev.all.rPrecision, pAt5: dev.all.pAt[5], pAt10: dev.all.pAt[10], clef2021Map: dev.clef2021.map, clef2019Map: dev.clef2019.map },
  },
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(file) + "\n");
console.error(
  `dev MAP ${dev.all.map.toFixed(4)} (2021 dev ${dev.clef2021.map.toFixed(4)}, 2019-edition ${dev.clef2019.map.toFixed(4)}); ` +
    `threshold ${threshold} (P ${point.precision.toFixed(3)}, R ${point.recall.toFixed(3)}, flags ${(100 * point.flagged).toFixed(1)}% of sentences)`,
);
console.error(`wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
