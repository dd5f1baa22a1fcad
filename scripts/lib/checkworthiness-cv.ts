/**
 * Leave-events-out cross-validation and score-level ensembles for the check-worthiness learners.
 *
 * CV protocol: the training events (never the dev events) are sorted by key and dealt round-robin
 * into `k` folds (so each fold spans the years). For each fold, a configuration is trained on the
 * other folds' events plus ClaimBuster (minus every ClaimBuster sentence found verbatim in the held-out
 * fold), then every *distinct* edition of each held-out event is scored. An event's AP is the mean AP
 * of its distinct editions; CV MAP is the mean over events with at least one positive. The out-of-fold
 * scores are kept, so ensembles of members are evaluated without training anything again.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dropOverlapping, type Doc, type Event } from "./checkworthiness-data.js";
import { evaluateDev, trainConfig, type Data, type LearnerConfig } from "./checkworthiness-experiment.js";
import { averageMeasures, docMeasures, type Measures } from "./checkworthiness-metrics.js";
import { smoothNeighbours } from "../../src/claims/checkworthiness.js";

/** One scored document: its event, labels and a member's raw scores. */
export interface ScoredDoc {
  id: string;
  event: string;
  labels: Uint8Array;
  scores: Float64Array;
}

/** Deal the events (sorted by key) round-robin into `k` folds. */
export function eventFolds(events: readonly Event[], k: number): Event[][] {
  const sorted = [...events].sort((a, b) => (a.key < b.key ? -1 : 1));
  const folds: Event[][] = Array.from({ length: k }, () => []);
  sorted.forEach((e, i) => folds[i % k].push(e));
  return folds;
}

function contentHash(d: Doc): string {
  const h = createHash("sha1");
  d.sentences.forEach((s, i) => h.update(`${s}\t${d.labels[i]}\n`));
  return h.digest("hex");
}

/** The distinct editions (byte-identical copies once) of an event. */
export function distinctEditions(e: Event): Doc[] {
  const seen = new Set<string>();
  return e.docs.filter((d) => {
    const h = contentHash(d);
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}

/** The cache key of a configuration's scores: everything but its name and description, plus the data. */
export function cacheKey(kind: string, c: LearnerConfig, extra: string): string {
  const { name: _name, description: _description, ...recipe } = c;
  return createHash("sha1").update(JSON.stringify({ kind, recipe, extra })).digest("hex").slice(0, 16);
}

function cacheFile(kind: string, c: LearnerConfig, extra: string): string | undefined {
  const dir = process.env.CW_CACHE;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return join(dir, `${kind}-${cacheKey(kind, c, extra)}.json`);
}

function readCache(file: string | undefined): ScoredDoc[] | undefined {
  if (!file || !existsSync(file)) return undefined;
  const j = JSON.parse(readFileSync(file, "utf8")) as { id: string; event: string; labels: number[]; scores: number[] }[];
  return j.map((d) => ({ id: d.id, event: d.event, labels: Uint8Array.from(d.labels), scores: Float64Array.from(d.scores) }));
}

function writeCache(file: string | undefined, docs: ScoredDoc[]): void {
  if (!file) return;
  writeFileSync(file, JSON.stringify(docs.map((d) => ({ id: d.id, event: d.event, labels: Array.from(d.labels), scores: Array.from(d.scores) }))));
}

/** Out-of-fold raw scores of a configuration over every distinct edition of every training event. */
export function cvScores(data: Data, c: LearnerConfig, k = 5): ScoredDoc[] {
  const file = cacheFile("cv", c, `${data.dir}|${k}:${data.split.trainEvents.map((e) => e.key).join(",")}`);
  const cached = readCache(file);
  if (cached) return cached;
  const folds = eventFolds(data.split.trainEvents, k);
  const out: ScoredDoc[] = [];
  for (let f = 0; f < k; f++) {
    const held = folds[f];
    const heldDocs = held.flatMap((e) => e.docs);
    const trainEvents = folds.filter((_, g) => g !== f).flat();
    const foldData: Data = {
      ...data,
      split: { ...data.split, trainEvents },
      claimBuster: dropOverlapping(data.claimBuster, heldDocs).kept,
    };
    const t = trainConfig(foldData, c);
    for (const e of held) for (const d of distinctEditions(e)) out.push({ id: d.id, event: e.key, labels: d.labels, scores: t.raw(d.sentences) });
  }
  writeCache(file, out);
  return out;
}

/** Raw scores of a configuration trained on all training events, on the dev documents. */
export function devScores(data: Data, c: LearnerConfig): ScoredDoc[] {
  const file = cacheFile("dev", c, `${data.dir}|${data.split.trainEvents.map((e) => e.key).join(",")}`);
  const cached = readCache(file);
  if (cached) return cached;
  const t = trainConfig(data, c);
  const out = data.split.dev.map((d) => ({ id: d.id, event: d.id, labels: d.labels, scores: t.raw(d.sentences) }));
  writeCache(file, out);
  return out;
}

/** CV measures: per event, the mean of its editions' measures; then the mean over events with positives. */
export function cvMeasures(docs: readonly ScoredDoc[]): Measures {
  const byEvent = new Map<string, ReturnType<typeof docMeasures>[]>();
  for (const d of docs) {
    const m = docMeasures(d.scores, d.labels);
    if (m.positives === 0) continue;
    const a = byEvent.get(d.event) ?? [];
    a.push(m);
    byEvent.set(d.event, a);
  }
  const perEvent = [...byEvent.values()].map((ms) => {
    const avg = averageMeasures(ms);
    return { positives: 1, ap: avg.map, rPrecision: avg.rPrecision, rr: avg.mrr, pAt: avg.pAt };
  });
  return averageMeasures(perEvent);
}

/** Dev report from scored dev documents (same layout as `evaluateDev`). */
export function devReport(dev: Doc[], docs: readonly ScoredDoc[]): ReturnType<typeof evaluateDev> {
  const byId = new Map(docs.map((d) => [d.id, d.scores]));
  return evaluateDev(dev, (s) => {
    const d = dev.find((x) => x.sentences === s);
    return byId.get(d?.id ?? "") ?? new Float64Array(s.length);
  });
}

/** Mean and s.d. of a member's scores over a set of documents (no labels used). */
export function scoreStats(docs: readonly ScoredDoc[]): { mean: number; sd: number } {
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (const d of docs) for (const x of d.scores) (n++, (s += x), (s2 += x * x));
  const mean = s / Math.max(1, n);
  return { mean, sd: Math.sqrt(Math.max(1e-12, s2 / Math.max(1, n) - mean * mean)) };
}

/** Weighted mean of members' standardised scores (`(s − mean)/sd`), document by document. */
export function zAverage(members: readonly ScoredDoc[][], weights?: readonly number[]): ScoredDoc[] {
  const stats = members.map(scoreStats);
  const w = weights ?? members.map(() => 1 / members.length);
  return members[0].map((d0, i) => {
    const scores = new Float64Array(d0.scores.length);
    members.forEach((m, j) => {
      const d = m[i];
      if (d.id !== d0.id) throw new Error("members score different documents");
      for (let r = 0; r < scores.length; r++) scores[r] += (w[j] * (d.scores[r] - stats[j].mean)) / stats[j].sd;
    });
    return { ...d0, scores };
  });
}

/** Mean of members' within-document rank percentiles (not usable for one sentence at a time). */
export function rankAverage(members: readonly ScoredDoc[][]): ScoredDoc[] {
  return members[0].map((d0, i) => {
    const n = d0.scores.length;
    const scores = new Float64Array(n);
    for (const m of members) {
      const s = m[i].scores;
      const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => s[a] - s[b]);
      order.forEach((r, rank) => (scores[r] += rank / Math.max(1, n - 1) / members.length));
    }
    return { ...d0, scores };
  });
}

/** A score-level ensemble of configurations (by name). */
export interface EnsembleSpec {
  name: string;
  description: string;
  /** Member configuration names and their weights (normalised to sum 1). */
  members: { name: string; weight: number }[];
  /** `z`: weighted mean of standardised raw scores (shippable); `rank`: mean within-document rank (eval only). */
  kind: "z" | "rank";
  /** Neighbour smoothing on the combined score (see `smoothNeighbours`), `z` only. */
  neighbourScoreWeight: number;
}

/** The ensembles compared by `npm run eval`. */
export const ENSEMBLES: EnsembleSpec[] = [
  {
    name: "ens-tfidf+pw",
    description: "z-score mean of baseline (TF-IDF LR) and pairwise",
    members: ["baseline", "pairwise"].map((name) => ({ name, weight: 1 })),
    kind: "z",
    neighbourScoreWeight: 0,
  },
  {
    name: "ens-lr+nb+pw",
    description: "z-score mean of lr, nb-lr, pairwise",
    members: ["lr", "nb-lr", "pairwise"].map((name) => ({ name, weight: 1 })),
    kind: "z",
    neighbourScoreWeight: 0,
  },
  {
    name: "ens-all",
    description: "z-score mean of baseline, lr, nb-lr, pairwise",
    members: ["baseline", "lr", "nb-lr", "pairwise"].map((name) => ({ name, weight: 1 })),
    kind: "z",
    neighbourScoreWeight: 0,
  },
  {
    name: "rank-tfidf+lr+pw",
    description: "mean within-document rank of baseline, lr, pairwise (cannot score one sentence: eval only)",
    members: ["baseline", "lr", "pairwise"].map((name) => ({ name, weight: 1 })),
    kind: "rank",
    neighbourScoreWeight: 0,
  },
];

/** Combine members' scored documents as an ensemble spec says. */
export function combine(spec: EnsembleSpec, members: readonly ScoredDoc[][]): ScoredDoc[] {
  const total = spec.members.reduce((s, m) => s + m.weight, 0);
  const combined = spec.kind === "rank" ? rankAverage(members) : zAverage(members, spec.members.map((m) => m.weight / total));
  if (spec.kind === "z" && spec.neighbourScoreWeight > 0) {
    return combined.map((d) => {
      const s = Float64Array.from(d.scores);
      smoothNeighbours(s, spec.neighbourScoreWeight);
      return { ...d, scores: s };
    });
  }
  return combined;
}
