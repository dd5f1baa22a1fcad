/**
 * Loading the check-worthiness data (CLEF CheckThat! 2018–2021 TSV, ClaimBuster JSON), grouping the
 * documents into events across editions, and the document-level train/dev split.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** One CLEF document (one transcript of one edition). */
export interface Doc {
  /** Path relative to the data folder, e.g. `clef2019-task1/training/20160926_1pres.tsv`. */
  id: string;
  /** `2018` … `2021`. */
  edition: string;
  /** YYYYMMDD from the file name, or "" when the name has none (the 2018 files). */
  date: string;
  sentences: string[];
  /** Speaker of each sentence (training only: the runtime input has no speaker). */
  speakers: string[];
  labels: Uint8Array;
  positives: number;
}

/** One event: every edition of the same transcript. */
export interface Event {
  /** Date plus the shortest file stem, e.g. `20160926_1pres`. */
  key: string;
  date: string;
  docs: Doc[];
}

/** A ClaimBuster sentence (no document, no context). */
export interface LooseSentence {
  id: number;
  text: string;
  label: 0 | 1;
}

/** The default data folder: `../shared/data/checkworthiness/` from the project root. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../shared/data/checkworthiness/", import.meta.url));

/** Read `--data DIR` from argv, or the default. */
export function dataDirFromArgv(argv: string[]): string {
  const i = argv.indexOf("--data");
  const dir = i >= 0 ? argv[i + 1] : DEFAULT_DATA_DIR;
  if (!dir || !existsSync(dir)) throw new Error(`data folder not found: ${dir} (use --data DIR)`);
  return dir;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Parse one CLEF TSV file (`line<TAB>speaker<TAB>text<TAB>label`). */
export function parseClefTsv(text: string, id: string): Doc {
  const sentences: string[] = [];
  const speakers: string[] = [];
  const labels: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const cols = line.split("\t");
    if (cols.length < 4) throw new Error(`${id}: bad line: ${line.slice(0, 80)}`);
    speakers.push(cols[1].trim());
    sentences.push(cols.slice(2, cols.length - 1).join(" "));
    labels.push(cols[cols.length - 1].trim() === "1" ? 1 : 0);
  }
  const name = id.split("/").pop() ?? id;
  const m = /^(\d{8})_/.exec(name);
  const edition = /clef(\d{4})/.exec(id)?.[1] ?? "";
  const lab = Uint8Array.from(labels);
  return { id, edition, date: m ? m[1] : "", sentences, speakers, labels: lab, positives: labels.reduce((a, b) => a + b, 0) };
}

/** Load every CLEF document under `dir`, sorted by id. */
export function loadClefDocs(dir: string): Doc[] {
  return listFiles(dir)
    .filter((p) => /clef20\d\d/.test(p) && /\.(tsv|txt)$/.test(p) && !/README/i.test(p))
    .map((p) => parseClefTsv(readFileSync(p, "utf8"), relative(dir, p).split("\\").join("/")))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Load the ClaimBuster sentences, deduplicated by `sentence_id` across the three files, sorted by id. */
export function loadClaimBuster(dir: string): LooseSentence[] {
  const byId = new Map<number, LooseSentence>();
  const cb = join(dir, "claimbuster");
  if (!existsSync(cb)) return [];
  for (const p of listFiles(cb).filter((f) => f.endsWith(".json"))) {
    const rows = JSON.parse(readFileSync(p, "utf8")) as { sentence_id: number; label: number; text: string }[];
    for (const r of rows) if (!byId.has(r.sentence_id)) byId.set(r.sentence_id, { id: r.sentence_id, text: r.text, label: r.label === 1 ? 1 : 0 });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Lower-case, letters and digits only, single spaces: the key for verbatim matching. */
export function normaliseSentence(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^a-z0-9']+/g, " ")
    .trim();
}

function shingles(doc: Doc, n = 6): Set<string> {
  const words = doc.sentences.map(normaliseSentence).join(" ").split(" ").filter(Boolean);
  const set = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) set.add(words.slice(i, i + n).join(" "));
  return set;
}

/** Share of the smaller document's word 6-grams found in the other document. */
export function containment(a: Set<string>, b: Set<string>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let hit = 0;
  for (const s of small) if (big.has(s)) hit++;
  return hit / small.size;
}

/**
 * Group documents into events: two documents are the same event when they share at least 50% of
 * the smaller one's word 6-grams, or at least 20% and the same date prefix. Undated documents (the
 * 2018 files) take the date of their event.
 */
export function groupEvents(docs: Doc[]): Event[] {
  const sh = docs.map((d) => shingles(d));
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const sameDate = docs[i].date !== "" && docs[i].date === docs[j].date;
      const c = containment(sh[i], sh[j]);
      if (c >= 0.5 || (sameDate && c >= 0.2)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Doc[]>();
  docs.forEach((d, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), d]);
  });
  const events: Event[] = [];
  for (const g of groups.values()) {
    const dated = g.filter((d) => d.date !== "");
    const date = dated.length ? dated[0].date : "";
    const stems = (dated.length ? dated : g).map((d) => (d.id.split("/").pop() ?? d.id).replace(/\.(tsv|txt)$/, "")).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    events.push({ key: stems[0].startsWith(date) ? stems[0] : `${date}_${stems[0]}`, date, docs: g });
  }
  return events.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * The dev documents: the CLEF-2021 1B dev events (their 2021 dev files) plus a few events that are
 * only in the 2019 and 2020 editions. Each dev event is scored on one edition, named here; every
 * other edition of a dev event is dropped from training.
 */
export const DEV_DOCS: readonly string[] = [
  "clef2021-task1b/dev/20170315_Trump_Nashville.tsv",
  "clef2021-task1b/dev/20170323_Trump_Times_Interview.tsv",
  "clef2021-task1b/dev/20170424_Trump_AP_interview.tsv",
  "clef2021-task1b/dev/20170430_Trump_CBS_FactTheNation.tsv",
  "clef2021-task1b/dev/20170601_Trump_Paris_Climate.tsv",
  "clef2021-task1b/dev/20170724_Trump_healthcare.tsv",
  "clef2019-task1/training/20160209_msnbc_dem.tsv",
  "clef2019-task1/training/20160226_10_gop.tsv",
  "clef2019-task1/training/20180926_un_press.tsv",
  "clef2019-task1/training/20181112_trump_pelosi.tsv",
  "clef2020-task5/training_v2/20170111_Trump_press_conference.tsv",
];

/** The split: dev documents (one per dev event) and training events (every edition of the others). */
export interface Split {
  dev: Doc[];
  trainEvents: Event[];
  devEvents: Event[];
  events: Event[];
}

/** Split the CLEF documents by event. */
export function splitByEvent(docs: Doc[], devIds: readonly string[] = DEV_DOCS): Split {
  const events = groupEvents(docs);
  const devSet = new Set(devIds);
  const missing = devIds.filter((id) => !docs.some((d) => d.id === id));
  if (missing.length) throw new Error(`dev documents not found: ${missing.join(", ")}`);
  const devEvents = events.filter((e) => e.docs.some((d) => devSet.has(d.id)));
  const trainEvents = events.filter((e) => !e.docs.some((d) => devSet.has(d.id)));
  const dev = docs.filter((d) => devSet.has(d.id));
  return { dev, trainEvents, devEvents, events };
}

/** Drop ClaimBuster sentences that occur verbatim (normalised) in any of the given documents. */
export function dropOverlapping(cb: LooseSentence[], docs: Doc[]): { kept: LooseSentence[]; dropped: number } {
  const seen = new Set<string>();
  for (const d of docs) for (const s of d.sentences) seen.add(normaliseSentence(s));
  const kept = cb.filter((s) => !seen.has(normaliseSentence(s.text)));
  return { kept, dropped: cb.length - kept.length };
}
