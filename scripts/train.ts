/**
 * `npm run train [-- --data DIR] [--recipe NAME] [--out FILE]`: rebuild the shipped check-worthiness
 * model (`data/model/checkworthiness.json`) deterministically.
 *
 * A recipe is a learner configuration (`CONFIGS`) or a `z` ensemble (`ENSEMBLES`). Each member is
 * trained on the training events (every CLEF edition of each non-dev event, plus ClaimBuster); an
 * ensemble standardises each member's raw score by its mean and s.d. over the dev sentences (no labels
 * used). Platt calibration and the queue threshold are then fitted on the dev documents (neither changes
 * the ranking).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeMember, modelFromMembers, type CheckworthinessModelFile, type EnsembleMember } from "../src/claims/checkworthiness.js";
import { ENSEMBLES, scoreStats, type EnsembleSpec } from "./lib/checkworthiness-cv.js";
import { dataDirFromArgv } from "./lib/checkworthiness-data.js";
import { CONFIGS, configByName, EVAL_ENSEMBLES, evaluateDev, loadData, trainConfig } from "./lib/checkworthiness-experiment.js";
import { fitPlatt } from "./lib/checkworthiness-learn.js";
import { chooseThreshold } from "./lib/checkworthiness-threshold.js";

/** The recipe that `npm run train` ships (chosen on CV MAP and dev MAP together; see data/model/README.md). */
export const SHIPPED_RECIPE = "pairwise-distill1";
const VERSION = 2;

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const out = opt("--out") ?? fileURLToPath(new URL("../data/model/checkworthiness.json", import.meta.url));
const recipeName = opt("--recipe") ?? SHIPPED_RECIPE;
/** A recipe that cannot be built: one line, exit 2, before any data is read. */
function usage(message: string): never {
  console.error(`train: ${message}`);
  process.exit(2);
}
const spec: EnsembleSpec =
  [...ENSEMBLES, ...EVAL_ENSEMBLES].find((e) => e.name === recipeName) ??
  (CONFIGS.some((c) => c.name === recipeName)
    ? { name: recipeName, description: configByName(recipeName).description, members: [{ name: recipeName, weight: 1 }], kind: "z", neighbourScoreWeight: 0 }
    : (() => {
        return usage(`unknown recipe: ${recipeName}`);
      })());
if (spec.kind !== "z") usage(`${spec.name}: a ${spec.kind} ensemble cannot score one sentence; not shippable`);
for (const m of spec.members) {
  const c = configByName(m.name);
  // These learners exist for the eval table only: the runtime loads linear and conv members, not these extra parts.
  if (c.learner === "mlp" || c.learner === "gbm-stack" || c.dense || c.convDense || (c.cbPrior ?? 0) > 0) usage(`${m.name}: eval-only learner; the runtime cannot load it, not shippable`);
}

const t0 = performance.now();
const data = loadData(dataDirFromArgv(argv));
const { split } = data;
console.error(
  `data: ${split.events.length} events, ${split.trainEvents.length} for training, ${split.dev.length} dev documents; ` +
    `ClaimBuster ${data.claimBuster.length} sentences (${data.claimBusterDropped} dropped: verbatim in dev)`,
);
const total = spec.members.reduce((s, m) => s + m.weight, 0);
const members: (EnsembleMember & { name: string })[] = spec.members.map((m) => {
  const c = configByName(m.name);
  const t = trainConfig(data, c);
  const stats = scoreStats(split.dev.map((d) => ({ id: d.id, event: d.id, labels: d.labels, scores: t.raw(d.sentences) })));
  console.error(`trained ${c.name} in ${t.seconds.toFixed(1)} s`);
  return { name: c.name, ...t.member, mean: stats.mean, sd: stats.sd, coef: m.weight / total };
});
const uncalibrated = modelFromMembers(members, spec.neighbourScoreWeight);

// Calibrate and choose the threshold on dev (neither changes the ranking).
const rawScores: number[] = [];
const labels: number[] = [];
for (const d of split.dev) {
  rawScores.push(...uncalibrated.raw(d.sentences));
  labels.push(...d.labels);
}
const calibration = fitPlatt(rawScores, labels);
const calibrated = rawScores.map((z) => 1 / (1 + Math.exp(-(calibration.a * z + calibration.b))));
const point = chooseThreshold(calibrated, labels);
const threshold = Number(point.threshold.toPrecision(4));
const model = modelFromMembers(members, spec.neighbourScoreWeight, calibration, threshold);
const dev = evaluateDev(split.dev, model.scoreDocument);

const file: CheckworthinessModelFile = {
  format: "claimcast-checkworthiness/2",
  version: `cw-${spec.name}-${VERSION}`,
  members: members.map((m) => encodeMember(m, m.name)),
  neighbourScoreWeight: spec.neighbourScoreWeight,
  calibration,
  threshold,
  meta: {
    recipe: spec.name,
    description: spec.description,
    members: spec.members.map((m) => {
      const c = configByName(m.name);
      return { name: c.name, learner: c.learner, description: c.description, weight: m.weight, hyper: { epochs: c.epochs, eta: c.eta, l2: c.l2, posWeight: c.posWeight, cbWeight: c.cbWeight, cbPosWeight: c.cbPosWeight, weakPos: c.weakPos ?? 0, editions: c.editions, seed: c.seed, ...(c.wordClasses ? { wordClasses: c.wordClasses } : {}), ...(c.seeds ? { seeds: c.seeds } : {}), ...(c.conv ? { conv: c.conv } : {}), ...(c.distill ? { distill: c.distill } : {}) } };
    }),
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
