/**
 * Evaluate the clean and segment stages against hand-labelled keys (npm run eval:segment).
 *
 * For each transcript with a key in test/fixtures/segment-key/, runs read → clean → segment and
 * prints: the share of speech lines attributed to the right speaker(s), turn-boundary precision,
 * recall and F1, chrome lines leaked into turns, speech lines wrongly dropped, the teaser, the
 * speakers found, and the listener comments with their claimant. Writes output/eval-segment.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeSource, lineOf, type Source } from "../src/core/source.js";
import type { Diagnostic } from "../src/core/diagnostic.js";
import type { StageContext, Turn } from "../src/core/types.js";
import { readCaptionPage } from "../src/read/caption-page.js";
import { cleanTranscript } from "../src/clean/index.js";
import { segmentTurns } from "../src/segment/index.js";

/** A hand-labelled key (see test/fixtures/segment-key/*.json). */
export interface SegmentKey {
  transcript: string;
  speakers: Record<string, { name: string; role: string }>;
  meta?: { show?: string; title?: string; airDate?: string };
  chromeLines: number[];
  chromePrefix?: Record<string, string>;
  teaserLines: number[];
  runs: [number, number, string][];
  mixed?: Record<string, string[]>;
  boundaries: [number, string][];
  listenerComments: { claimant: string; line: number; at: string; also?: [number, string][] }[];
  notListener?: [number, string][];
}

/** Figures for one transcript. */
export interface SegmentEval {
  transcript: string;
  speechLines: number;
  linesRight: number;
  lineAccuracy: number;
  wrongLines: { line: number; expected: string[]; got: string[] }[];
  boundaries: { precision: number; recall: number; f1: number; missed: string[]; extra: string[] };
  chromeLeaked: number[];
  chromeWronglyDropped: number[];
  teaser: { found: boolean; lines: number[]; expected: number[] };
  speakers: { name: string; role: string; heardAs: string | null; expected: boolean }[];
  missingSpeakers: string[];
  listener: { claimant: string; line: number; got: (string | null)[]; ok: boolean }[];
  listenerRight: number;
  meta: { show?: string; title?: string; airDate?: string; names: string[] };
  metaRight: boolean;
  turns: Turn[];
  source: Source;
}

/**
 * Run one transcript through read → clean → segment and score it against its key.
 *
 * @example
 * const r = evaluateEpisode("transcripts/002_1142964fd8d0627e.txt", "test/fixtures/segment-key/002_1142964fd8d0627e.json");
 * r.lineAccuracy; // 0.97…
 */
export function evaluateEpisode(path: string, keyPath: string): SegmentEval {
  const key = JSON.parse(readFileSync(keyPath, "utf8")) as SegmentKey;
  const source = decodeSource(path, readFileSync(path));
  const diagnostics: Diagnostic[] = [];
  const ctx: StageContext = { source, report: (d) => diagnostics.push(d) };
  const clean = cleanTranscript(readCaptionPage(ctx), ctx);
  const turns = segmentTurns(clean, ctx);
  const name = (code: string) => key.speakers[code]?.name ?? code;

  // Which turns' speakers cover each line, in order.
  const got = new Map<number, string[]>();
  for (const t of turns) {
    let lastLine = -1;
    for (let i = 0; i < t.text.length; i++) {
      const off = t.text.src[i];
      if (off < 0 || /\s/.test(t.text.text[i])) continue;
      const line = lastLine > 0 && off < (source.lineStarts[lastLine] ?? Infinity) && off >= source.lineStarts[lastLine - 1] ? lastLine : lineOf(source, off);
      lastLine = line;
      const seq = got.get(line) ?? [];
      if (seq[seq.length - 1] !== t.speaker) seq.push(t.speaker);
      got.set(line, seq);
    }
  }
  const expected = new Map<number, string[]>();
  for (const [a, b, code] of key.runs) for (let l = a; l <= b; l++) expected.set(l, [name(code)]);
  for (const [l, codes] of Object.entries(key.mixed ?? {})) expected.set(+l, codes.map(name));
  const wrongLines: SegmentEval["wrongLines"] = [];
  for (const [line, exp] of [...expected].sort((x, y) => x[0] - y[0])) {
    const g = got.get(line) ?? [];
    if (g.join("|") !== exp.join("|")) wrongLines.push({ line, expected: exp, got: g });
  }
  const speechLines = expected.size;

  // Turn boundaries: consecutive turns of one speaker count as one turn.
  const lineText = (l: number) => source.text.slice(source.lineStarts[l - 1], l < source.lineStarts.length ? source.lineStarts[l] : source.text.length);
  const keyOffsets: number[] = [];
  const searchFrom = new Map<number, number>();
  for (const [l, at] of key.boundaries) {
    const from = searchFrom.get(l) ?? 0;
    const k = lineText(l).indexOf(at, from);
    if (k < 0) throw new Error(`${keyPath}: boundary "${at}" not found on line ${l}`);
    searchFrom.set(l, k + 1);
    keyOffsets.push(source.lineStarts[l - 1] + k);
  }
  const predOffsets: number[] = [];
  turns.forEach((t, i) => {
    const prev = turns[i - 1];
    if (prev && prev.speaker === t.speaker && prev.isTeaser === t.isTeaser) return;
    const span = t.text.sourceSpan();
    if (span) predOffsets.push(span.start);
  });
  const near = (a: number, list: number[]) => list.some((b) => Math.abs(a - b) <= 2);
  const tp = keyOffsets.filter((k) => near(k, predOffsets)).length;
  const precision = predOffsets.length ? predOffsets.filter((p) => near(p, keyOffsets)).length / predOffsets.length : 0;
  const recall = keyOffsets.length ? tp / keyOffsets.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const where = (o: number) => `${lineOf(source, o)}:"${source.text.slice(o, o + 20)}"`;
  const missed = keyOffsets.filter((k) => !near(k, predOffsets)).map(where);
  const extra = predOffsets.filter((p) => !near(p, keyOffsets)).map(where);

  // Chrome.
  const covered = new Set(got.keys());
  const chromeLeaked = key.chromeLines.filter((l) => covered.has(l));
  for (const [l, prefix] of Object.entries(key.chromePrefix ?? {})) {
    const start = source.lineStarts[+l - 1] + lineText(+l).indexOf(prefix);
    const inTurn = turns.some((t) => t.text.src.some((o) => o >= start && o < start + prefix.length));
    if (inTurn) chromeLeaked.push(+l);
  }
  const chromeWronglyDropped = [...expected.keys()].filter((l) => !covered.has(l));

  // Teaser.
  const teaserLines = [...new Set(turns.filter((t) => t.isTeaser).flatMap((t) => linesOf(source, t)))].sort((a, b) => a - b);
  const overlap = teaserLines.filter((l) => key.teaserLines.includes(l)).length;
  const teaserFound = key.teaserLines.length === 0 ? teaserLines.length === 0 : overlap >= Math.ceil(key.teaserLines.length / 2);

  // Speakers.
  const keyNames = new Map(Object.values(key.speakers).map((s) => [s.name, s.role] as const));
  const found = new Map<string, { name: string; role: string; heardAs: string | null; expected: boolean }>();
  for (const t of turns)
    if (!found.has(t.speaker)) found.set(t.speaker, { name: t.speaker, role: t.role, heardAs: t.heardAs ?? null, expected: keyNames.get(t.speaker) === t.role });
  const missingSpeakers = [...keyNames].filter(([n, r]) => found.get(n)?.role !== r).map(([n, r]) => `${n} (${r})`);

  // Listener comments.
  const sentenceAt = (l: number, at: string) => {
    const k = lineText(l).indexOf(at);
    if (k < 0) throw new Error(`${keyPath}: "${at}" not found on line ${l}`);
    const off = source.lineStarts[l - 1] + k;
    for (const t of turns)
      for (const s of t.sentences) {
        const span = s.text.sourceSpan();
        if (span && span.start <= off && off < span.end) return s;
      }
    return undefined;
  };
  const listener = key.listenerComments.map((c) => {
    const parts = [[c.line, c.at] as [number, string], ...(c.also ?? [])];
    const claimants = parts.map(([l, at]) => sentenceAt(l, at)?.claimant ?? null);
    return { claimant: c.claimant, line: c.line, got: claimants, ok: claimants.every((x) => x?.toLowerCase() === c.claimant.toLowerCase()) };
  });
  for (const [l, at] of key.notListener ?? []) {
    const s = sentenceAt(l, at);
    listener.push({ claimant: "(host)", line: l, got: [s?.claimant ?? null], ok: !s?.claimant });
  }

  const meta = { show: clean.meta.show, title: clean.meta.title, airDate: clean.meta.airDate, names: clean.meta.names };
  const metaRight = !key.meta || (key.meta.show === meta.show && key.meta.title === meta.title && key.meta.airDate === meta.airDate);
  return {
    transcript: path,
    speechLines,
    linesRight: speechLines - wrongLines.length,
    lineAccuracy: speechLines ? (speechLines - wrongLines.length) / speechLines : 0,
    wrongLines,
    boundaries: { precision, recall, f1, missed, extra },
    chromeLeaked,
    chromeWronglyDropped,
    teaser: { found: teaserFound, lines: teaserLines, expected: key.teaserLines },
    speakers: [...found.values()],
    missingSpeakers,
    listener,
    listenerRight: listener.filter((x) => x.ok).length,
    meta,
    metaRight,
    turns,
    source,
  };
}

function linesOf(source: Source, t: Turn): number[] {
  const out = new Set<number>();
  for (const s of t.sentences) {
    const span = s.text.sourceSpan();
    if (span) for (let l = lineOf(source, span.start); l <= lineOf(source, span.end - 1); l++) out.add(l);
  }
  return [...out];
}

/** The transcripts with keys. */
export const CASES: { path: string; key: string }[] = [
  { path: "transcripts/002_1142964fd8d0627e.txt", key: "test/fixtures/segment-key/002_1142964fd8d0627e.json" },
  { path: "test/fixtures/caption-pages/crossroads-weekend-0412.txt", key: "test/fixtures/segment-key/crossroads-weekend-0412.json" },
];

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function main(): void {
  const results = CASES.map((c) => evaluateEpisode(c.path, c.key));
  for (const r of results) {
    console.log(`\n== ${r.transcript}`);
    console.log(`speech lines attributed right: ${r.linesRight}/${r.speechLines} = ${pct(r.lineAccuracy)}`);
    for (const w of r.wrongLines) console.log(`   line ${w.line}: expected ${w.expected.join(" → ")}, got ${w.got.join(" → ") || "(not in any turn)"}`);
    const b = r.boundaries;
    console.log(`turn boundaries: precision ${pct(b.precision)}, recall ${pct(b.recall)}, F1 ${pct(b.f1)}`);
    if (b.missed.length) console.log(`   missed: ${b.missed.join("; ")}`);
    if (b.extra.length) console.log(`   extra:  ${b.extra.join("; ")}`);
    console.log(`chrome lines leaked into turns: ${r.chromeLeaked.length}${r.chromeLeaked.length ? ` (${r.chromeLeaked.join(", ")})` : ""}`);
    console.log(`speech lines wrongly dropped as chrome: ${r.chromeWronglyDropped.length}${r.chromeWronglyDropped.length ? ` (${r.chromeWronglyDropped.join(", ")})` : ""}`);
    console.log(`teaser found: ${r.teaser.found ? "yes" : "no"}, lines ${r.teaser.lines.join(",") || "-"} (key ${r.teaser.expected.join(",") || "-"})`);
    console.log(`meta: ${JSON.stringify({ show: r.meta.show, title: r.meta.title, airDate: r.meta.airDate })} ${r.metaRight ? "(matches key)" : "(differs from key)"}`);
    console.log(`speakers: ${r.speakers.map((s) => `${s.name} (${s.role}${s.heardAs ? `, heard as "${s.heardAs}"` : ""})${s.expected ? "" : " ✗"}`).join("; ")}`);
    if (r.missingSpeakers.length) console.log(`   missing or wrong role: ${r.missingSpeakers.join(", ")}`);
    console.log(`listener comments with the right claimant: ${r.listenerRight}/${r.listener.length}`);
    for (const l of r.listener) console.log(`   ${l.ok ? "ok " : "BAD"} line ${l.line} ${l.claimant}: got ${l.got.map((g) => g ?? "-").join(", ")}`);
  }
  mkdirSync("output", { recursive: true });
  const json = results.map(({ turns: _t, source: _s, ...rest }) => rest);
  writeFileSync("output/eval-segment.json", JSON.stringify(json, null, 2) + "\n");
  console.log("\nwrote output/eval-segment.json");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
