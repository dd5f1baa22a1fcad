import jaroWinkler from "natural/lib/natural/distance/jaro-winkler_distance.js";
import DoubleMetaphone from "natural/lib/natural/phonetics/double_metaphone.js";
import type { Cue, EpisodeMeta, NameRepair, StageContext } from "../core/types.js";

const metaphone = new DoubleMetaphone();

/** Name-like word runs: capitalised words, allowing a short lower-case ASR fragment between them. */
const NAME_RUN = /\p{Lu}[\p{L}’'-]*(?:\s+(?:\p{Ll}{1,3}\s+)?\p{Lu}[\p{L}’'-]*)+/gu;
/** Whether a text has a {@link NAME_RUN} at all. */
const NAME_RUN_ANY = new RegExp(NAME_RUN.source, "u");
/** Titles that introduce or follow a person's name (generic English, not one show's). */
export const TITLE =
  "(?:Lieutenant Governor|Lt\\.? Governor|Governor|Senator|Sen\\.|Representative|Rep\\.|Congressman|Congresswoman|Mayor|Secretary|Ambassador|Professor|Prof\\.|Dr\\.|Doctor|Judge|Justice|Attorney General|Assemblymember|Supervisor|Commissioner|Chief|President)";
/** A person's name as the show spells it: two or three capitalised words. */
const LEADING_TITLE = new RegExp(`^(?:${TITLE}\\s+)+`, "u");
const NAME = "(\\p{Lu}[\\p{L}’'-]+(?:\\s+\\p{Lu}[\\p{L}’'-]+){1,2})";
const SPELLING_PATTERNS = [
  new RegExp(`\\b(?:I'm|I am|my name is)\\s+${NAME}`, "gu"),
  new RegExp(`\\b(?:joined by|joined now by|we've got|we have|with us is|here with|speaking with|talking with)\\s+${NAME}`, "gu"),
  new RegExp(`\\b${TITLE},?\\s+${NAME}`, "gu"),
  new RegExp(`\\b(?:thank you to|thanks to|thanks again to)\\s+(?:[\\p{L},]+\\s+){0,4}?${NAME}\\s+for\\b`, "gu"),
];

/** Necessary conditions of {@link SPELLING_PATTERNS}, in order (their literal lead-ins, same case rules). */
const SPELLING_GATES = [/I'm|I am|my name is/, /joined by|joined now by|we've got|we have|with us is|here with|speaking with|talking with/, new RegExp(TITLE), /thank you to|thanks to|thanks again to/];

/** Any of {@link SPELLING_GATES}: one scan rules out the lines that introduce no one (most of them). */
const ANY_SPELLING_GATE = new RegExp(SPELLING_GATES.map((g) => g.source).join("|"));

/** A spelling the show gives, with how much to trust it. */
interface Spelling {
  name: string;
  weight: number;
}

/**
 * Similarity of two names in spelling and sound, 0..1: the mean of Jaro-Winkler on the letters and
 * a Double Metaphone code similarity (edit distance over the longer code).
 *
 * @example
 * nameSimilarity("Pree ya Ragoo nathan", "Priya Raghunathan") > 0.8; // true
 */
export function nameSimilarity(a: string, b: string): number {
  const la = lettersOf(a);
  const lb = lettersOf(b);
  if (!la || !lb || la[0] !== lb[0]) return 0;
  const jw = jaroWinkler(la, lb);
  const pa = codeOf(la);
  const pb = codeOf(lb);
  const ph = 1 - editDistance(pa, pb) / Math.max(pa.length, pb.length, 1);
  return (jw + ph) / 2;
}

/**
 * Collect the spellings the show gives for people (page chrome, self-introductions, guest
 * introductions, titles, closing credits), and repair name-like word runs in the speech that
 * sound and look like one of them but are spelled otherwise (ASR errors such as "Pree ya Ragoo nathan"
 * for "Priya Raghunathan"). The text is never edited: the repairs are returned (heard form and
 * show's spelling) for the segment stage, and each one is reported as `clean/repair-names`.
 * The show's spellings are added to `meta.names`.
 *
 * @example
 * repairNames(cues, meta, ctx); // [{ heard: "Priya Ragoonathan", name: "Priya Raghunathan", score: 0.81 }]
 */
export function repairNames(cues: readonly Cue[], meta: EpisodeMeta, ctx?: StageContext, threshold = 0.78): NameRepair[] {
  const spellings = new Map<string, Spelling>();
  const add = (name: string, weight: number) => {
    const clean = name.replace(/[’']s$/, "").replace(LEADING_TITLE, "");
    if (clean.split(/\s+/).length < 2) return;
    const s = spellings.get(clean);
    if (s) s.weight += weight;
    else spellings.set(clean, { name: clean, weight });
  };
  for (const name of meta.names) add(name, 100);
  const credits = Math.floor(cues.length * 0.85);
  // Every spelling pattern's name is also a name-like run: cues without one are skipped here and below.
  const withRuns: Cue[] = [];
  cues.forEach((c, i) => {
    if (!NAME_RUN_ANY.test(c.text.text)) return;
    withRuns.push(c);
    if (!ANY_SPELLING_GATE.test(c.text.text)) return;
    for (let k = 0; k < SPELLING_PATTERNS.length; k++) {
      const re = SPELLING_PATTERNS[k];
      // Each pattern needs one of its literal lead-ins: most lines skip them all.
      if (!SPELLING_GATES[k].test(c.text.text)) continue;
      re.lastIndex = 0;
      for (let m = re.exec(c.text.text); m; m = re.exec(c.text.text)) add(m[1], i >= credits ? 10 : 1);
    }
  });
  // Spellings that match each other are one person: the best-trusted spelling wins.
  const ranked = [...spellings.values()].sort((a, b) => b.weight - a.weight);
  const canonical: Spelling[] = [];
  const repairs = new Map<string, NameRepair>();
  for (const s of ranked) {
    const match = bestMatch(s.name, canonical);
    if (match && match.score >= threshold) {
      if (match.name !== s.name) repairs.set(s.name, { heard: s.name, name: match.name, score: round(match.score) });
    } else canonical.push(s);
  }
  // Name-like runs in the speech that no pattern caught ("Pree ya Ragoo nathan is on the line").
  // A run is judged once: the spellings do not change in this loop, so neither does its best match.
  const judged = new Set<string>();
  for (const c of withRuns) {
    NAME_RUN.lastIndex = 0;
    for (let m = NAME_RUN.exec(c.text.text); m; m = NAME_RUN.exec(c.text.text)) {
      const heard = m[0].replace(/[’']s$/, "");
      if (spellings.has(heard) && !repairs.has(heard)) continue;
      if (repairs.has(heard) || judged.has(heard)) continue;
      judged.add(heard);
      const match = bestMatch(heard, canonical);
      if (match && match.score >= threshold && match.name !== heard) repairs.set(heard, { heard, name: match.name, score: round(match.score) });
    }
  }
  for (const s of canonical) if (s.weight >= 2 && !meta.names.includes(s.name) && s.name.split(/\s+/).length >= 2) meta.names.push(s.name);
  if (ctx)
    for (const r of repairs.values())
      ctx.report({ severity: "info", ruleId: "clean/repair-names", message: `name heard as "${r.heard}" is spelled "${r.name}" by the show`, actual: r.heard, expected: r.name });
  return [...repairs.values()];
}

function bestMatch(name: string, spellings: readonly Spelling[]): { name: string; score: number } | undefined {
  let best: { name: string; score: number } | undefined;
  const oneWord = isOneWord(name);
  for (const s of spellings) {
    // A one-word run is only compared with one-word spellings, so "Mimi" never becomes "Mina Kim".
    if (oneWord !== isOneWord(s.name)) continue;
    const score = nameSimilarity(name, s.name);
    if (!best || score > best.score) best = { name: s.name, score };
  }
  return best;
}

/** Whether a name is one word: `name.split(/\s+/).length === 1` without the array. */
function isOneWord(name: string): boolean {
  return !/\s/.test(name);
}

const codes = new Map<string, string>();

/** Double Metaphone code of a letter string, memoised (names repeat across an episode). */
function codeOf(letters: string): string {
  let c = codes.get(letters);
  if (c === undefined) {
    c = metaphone.process(letters)[0];
    if (codes.size > 10_000) codes.clear();
    codes.set(letters, c);
  }
  return c;
}

function lettersOf(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}]+/gu, "");
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
