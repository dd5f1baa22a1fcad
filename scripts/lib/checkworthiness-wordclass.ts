/**
 * Word-class tables for the check-worthiness features (training time only; the runtime just looks
 * words up in the table shipped in the model file, see `WordClasses`).
 *
 * `pos`: the training text is part-of-speech tagged once with `compromise` (in context), each of the
 * features' tokens gets its term's class (a fixed priority over compromise's tags, ~30 classes), and a
 * word's class is its most frequent one in the training text. Tags are cached per sentence
 * (`CW_CACHE/postags.json`, or `output/cw-postags.json`), since tagging the 35k distinct training
 * sentences takes ~40 s.
 *
 * `dist`: distributional classes: k-means (seeded, cosine) over PPMI/SVD word vectors of the same
 * training text (`checkworthiness-embed.ts`), words outside the vector vocabulary left to their shape.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nlp from "compromise";
import { DEFAULT_FEATURE_OPTIONS, Featurizer, hashWord, SHAPE_CLASSES, WordClasses } from "../../src/claims/checkworthiness-features.js";
import { trainEmbeddings } from "./checkworthiness-embed.js";
import { prng } from "./checkworthiness-learn.js";

/**
 * The part-of-speech classes, in priority order: a term gets the first class whose compromise tag
 * it carries. Ids start after the shape classes.
 */
export const POS_CLASSES: readonly (readonly [string, readonly string[]])[] = [
  ["NEG", ["Negative"]],
  ["WH", ["QuestionWord"]],
  ["MD", ["Modal"]],
  ["COP", ["Copula"]],
  ["AUX", ["Auxiliary"]],
  ["PRP", ["Pronoun"]],
  ["DT", ["Determiner"]],
  ["IN", ["Preposition"]],
  ["CC", ["Conjunction"]],
  ["MONEY", ["Money", "Currency"]],
  ["PCT", ["Percent"]],
  ["YEAR", ["Year"]],
  ["ORD", ["Ordinal"]],
  ["CD", ["Cardinal", "Value", "NumericValue", "TextValue"]],
  ["DATE", ["Date", "Month", "WeekDay", "Duration"]],
  ["PER", ["Person", "FirstName", "LastName", "Honorific"]],
  ["LOC", ["Place", "Country", "Region", "City"]],
  ["ORG", ["Organization"]],
  ["NNP", ["ProperNoun"]],
  ["NNS", ["Plural"]],
  ["NN", ["Noun"]],
  ["VBD", ["PastTense"]],
  ["VBG", ["Gerund"]],
  ["VBN", ["Participle"]],
  ["VB", ["Infinitive", "Imperative"]],
  ["VBZ", ["PresentTense"]],
  ["V", ["Verb", "PhrasalVerb"]],
  ["JJR", ["Comparative"]],
  ["JJS", ["Superlative"]],
  ["JJ", ["Adjective"]],
  ["RB", ["Adverb"]],
  ["UH", ["Expression"]],
];
const FIRST_ID = SHAPE_CLASSES.length + 1;
/** Table value meaning "keep the word itself" in the class n-grams. */
const KEEP_WORD = 255;
const X_ID = FIRST_ID + POS_CLASSES.length;

/** Closed classes, whose words can be kept as themselves (`keepClosed`). */
const CLOSED = new Set(["NEG", "WH", "MD", "COP", "AUX", "PRP", "DT", "IN", "CC"].map((n) => FIRST_ID + POS_CLASSES.findIndex((c) => c[0] === n)));

/** The class id of a compromise term's tags (`X_ID` when none of the classes applies). */
export function posClassId(tags: readonly string[]): number {
  for (let k = 0; k < POS_CLASSES.length; k++) for (const t of POS_CLASSES[k][1]) if (tags.includes(t)) return FIRST_ID + k;
  return X_ID;
}

const tokenizer = new Featurizer(DEFAULT_FEATURE_OPTIONS);

/** Tag one sentence: the features' word hashes with their class ids, as (hash, class) pairs. */
export function tagSentence(s: string): number[] {
  const out: number[] = [];
  const json = nlp(s).json() as { terms: { text: string; tags: string[] }[] }[];
  for (const sent of json) {
    for (const t of sent.terms) {
      if (!t.text) continue;
      const c = posClassId(t.tags);
      for (const h of tokenizer.tokenize(t.text)) out.push(h, c);
    }
  }
  return out;
}

function tagCacheFile(): string {
  const dir = process.env.CW_CACHE;
  return dir ? join(dir, "postags.json") : fileURLToPath(new URL("../../output/cw-postags.json", import.meta.url));
}

let tagCache: Map<string, number[]> | undefined;
let tagCacheDirty = false;

/** Tags of each sentence (cached on disk across runs). */
export function tagSentences(sentences: Iterable<string>): Map<string, number[]> {
  const file = tagCacheFile();
  if (!tagCache) {
    tagCache = new Map();
    if (existsSync(file)) for (const [s, t] of Object.entries(JSON.parse(readFileSync(file, "utf8")) as Record<string, number[]>)) tagCache.set(s, t);
  }
  const out = new Map<string, number[]>();
  for (const s of sentences) {
    let t = tagCache.get(s);
    if (!t) {
      t = tagSentence(s);
      tagCache.set(s, t);
      tagCacheDirty = true;
    }
    out.set(s, t);
  }
  if (tagCacheDirty) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(Object.fromEntries(tagCache)));
    tagCacheDirty = false;
  }
  return out;
}

/** Majority class of each word over the tagged training sentences (ties: the lower id). */
export function posTable(sentences: readonly string[], minCount = 1, keepClosed = false): WordClasses {
  const tags = tagSentences(new Set(sentences));
  const counts = new Map<number, Map<number, number>>();
  for (const s of sentences) {
    const t = tags.get(s) as number[];
    for (let i = 0; i < t.length; i += 2) {
      let m = counts.get(t[i]);
      if (!m) counts.set(t[i], (m = new Map()));
      m.set(t[i + 1], (m.get(t[i + 1]) ?? 0) + 1);
    }
  }
  const entries: [number, number][] = [];
  for (const [h, m] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
    let best = 0;
    let bestN = 0;
    let total = 0;
    for (const [c, n] of m) {
      total += n;
      if (n > bestN || (n === bestN && c < best)) (best = c), (bestN = n);
    }
    if (total >= minCount) entries.push([h, keepClosed && CLOSED.has(best) ? KEEP_WORD : best]);
  }
  return new WordClasses(entries);
}

/** Distributional classes: seeded spherical k-means over PPMI/SVD word vectors of the training text. */
export function distTable(sentences: readonly string[], o: { k: number; vocab: number; dim: number; seed: number }): WordClasses {
  const emb = trainEmbeddings(sentences, { vocab: o.vocab, dim: o.dim, window: 2, seed: o.seed });
  const V = emb.vocab.size;
  const d = emb.dim;
  const k = Math.min(o.k, V, 255 - FIRST_ID);
  const rnd = prng(o.seed);
  const cent = new Float64Array(k * d);
  // Init: k distinct words spread over the frequency ranking.
  for (let c = 0; c < k; c++) {
    const w = Math.min(V - 1, Math.floor(((c + rnd()) * V) / k));
    for (let j = 0; j < d; j++) cent[c * d + j] = emb.vecs[w * d + j];
  }
  const assign = new Int32Array(V);
  for (let it = 0; it < 15; it++) {
    for (let w = 0; w < V; w++) {
      let best = 0;
      let bestS = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += cent[c * d + j] * emb.vecs[w * d + j];
        if (s > bestS) (bestS = s), (best = c);
      }
      assign[w] = best;
    }
    cent.fill(0);
    for (let w = 0; w < V; w++) for (let j = 0; j < d; j++) cent[assign[w] * d + j] += emb.vecs[w * d + j];
    for (let c = 0; c < k; c++) {
      let n = 0;
      for (let j = 0; j < d; j++) n += cent[c * d + j] ** 2;
      n = Math.sqrt(n) || 1;
      for (let j = 0; j < d; j++) cent[c * d + j] /= n;
    }
  }
  const entries: [number, number][] = [];
  for (const [word, w] of emb.vocab) entries.push([hashWord(word), FIRST_ID + assign[w]]);
  return new WordClasses(entries);
}
