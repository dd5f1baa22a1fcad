import { lineOf, type Source } from "../core/source.js";
import type { Cue, EpisodeMeta, StageContext } from "../core/types.js";
import { charClass, codePointAt, isSpace, LETTER, looseKey, UPPER } from "./char-class.js";

/** What {@link stripChrome} returns: the programme cues and what the chrome told about the episode. */
export interface ChromeResult {
  cues: Cue[];
  meta: EpisodeMeta;
  /** Cues dropped before and after the programme, in source order. */
  dropped: Cue[];
}

const TERMINAL = /[.?!…]["'”’)\]]*$/;
const PRONOUN = /\b(?:I|I'm|I've|I'd|we|we're|we've|you|you're|my|our|us|me|your)\b/i;
const DOMAIN = /\bhttps?:|\bwww\.|\b[\w-]+\.(?:org|com|net|gov|edu|tv|fm|io|co\.uk)\b/i;
const MIDLINE_MARKER = /(?:^|[^\s-])\s?[-–—]\s+(?=["“‘']?[A-Z])/;
/**
 * Necessary conditions of {@link DOMAIN} and {@link MIDLINE_MARKER} without their costly parts (the
 * `\b[\w-]+` before a dot is tried at every word; the marker's context): lines that fail them,
 * nearly all, skip the full pattern.
 */
const MAYBE_DOMAIN = /https?:|www\.|\.(?:org|com|net|gov|edu|tv|fm|io|co\.uk)/i;
const MAYBE_MIDLINE_MARKER = /[-–—]\s/;
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/**
 * Find where the programme starts and ends on a scraped page and drop the page chrome around it
 * (menus, show blurbs, sponsor lines), including chrome glued onto the first speech line before
 * its turn marker. Works from structure only: each line gets a speech score (sentence-like,
 * turn-marked, first and second person) or a chrome score (title case, no terminal punctuation,
 * repeated, links, separated by blank lines), and the programme is the run of lines with the
 * highest total. Every dropped span is reported as an info diagnostic `clean/strip-chrome`.
 * The show, title, air date and people named in the chrome go into the returned meta. Timed cues
 * (every cue with a start time: WebVTT, SRT, JSON) are kept whole, as a page without turn markers is.
 *
 * @example
 * const { cues, meta } = stripChrome(readResult.cues, ctx);
 * meta.airDate; // "2024-03-02" for a page that says "03/02/2024"
 */
export function stripChrome(input: readonly Cue[], ctx: StageContext, baseMeta: EpisodeMeta = { names: [] }): ChromeResult {
  const n = input.length;
  const meta: EpisodeMeta = { ...baseMeta, names: [...baseMeta.names] };
  if (n === 0) return { cues: [], meta, dropped: [] };
  const lines = linesOf(ctx.source, input.map((c) => firstSourceOffset(c.text.src)));
  const shapes = input.map((c) => lineShape(c.text.text));
  const repeated = repeatedByHash(input.map((c) => c.text.text), shapes);
  const scores = input.map((c, i) => scoreShapedLine(c, shapes[i], repeated[i]));
  // Blank lines inside a dense caption block are rare; where they are, a gap costs one point a line.
  let blanks = 0;
  for (let i = 1; i < n; i++) blanks += Math.max(0, lines[i] - lines[i - 1] - 1);
  const gapCost = blanks < 0.25 * n ? 1 : 0;
  // Timed cues (WebVTT, SRT, JSON with times) are captions of speech, never page chrome: a caption
  // broken mid-sentence or one that looks like a title is still speech, so nothing is dropped.
  const hasMarkers = input.some((c) => c.turnStart) && !input.every((c) => c.startTime !== null);

  // Maximum-sum run (Kadane), where joining cue i to the run costs the blank lines before it.
  let best = -Infinity;
  let bestStart = 0;
  let bestEnd = n - 1;
  let run = 0;
  let runStart = 0;
  for (let i = 0; i < n; i++) {
    const gap = i > 0 ? gapCost * Math.max(0, lines[i] - lines[i - 1] - 1) : 0;
    if (i === 0 || run - gap <= 0) {
      run = scores[i];
      runStart = i;
    } else run += scores[i] - gap;
    if (run > best) {
      best = run;
      bestStart = runStart;
      bestEnd = i;
    }
  }
  // Without turn markers the page is probably an article or a plain transcript: keep it whole.
  if (!hasMarkers || best <= 0) {
    bestStart = 0;
    bestEnd = n - 1;
  }

  const cues = input.slice(bestStart, bestEnd + 1);
  const dropped: Cue[] = [...input.slice(0, bestStart), ...input.slice(bestEnd + 1)];
  // Chrome glued onto the first speech line: "Learn More about sponsorship- We are ...".
  if (hasMarkers && cues.length > 0 && !cues[0].turnStart) {
    const first = cues[0];
    const m = MIDLINE_MARKER.exec(first.text.text);
    if (m) {
      const cut = m.index + (m[0].match(/^[^\s-–—]/) ? 1 : 0);
      const prefix = first.text.slice(0, cut).trim();
      const markerEnd = m.index + m[0].length;
      if (prefix.length > 0 && !TERMINAL.test(prefix.text)) {
        dropped.splice(bestStart, 0, { ...first, text: prefix });
        cues[0] = { ...first, text: first.text.slice(markerEnd).trim(), turnStart: true };
      }
    }
  }
  for (const d of dropped) {
    const span = d.text.sourceSpan();
    ctx.report({
      severity: "info",
      ruleId: "clean/strip-chrome",
      message: `dropped page chrome: ${JSON.stringify(d.text.text.slice(0, 60))}`,
      span: span ?? undefined,
    });
  }
  readMeta(input.slice(0, bestStart).map((c) => c.text.text).concat(dropped.slice(bestStart).map((c) => c.text.text)), meta);
  return { cues, meta, dropped };
}

/**
 * Speech score of one line: positive for sentence-like, turn-marked, first/second-person lines,
 * negative for title-case, unpunctuated, repeated or link-bearing lines.
 *
 * @example
 * scoreLine(cue("Providing Support for PBS.org"), false); // < 0
 */
export function scoreLine(cue: Cue, repeated: boolean): number {
  return scoreShapedLine(cue, lineShape(cue.text.text), repeated);
}

/** {@link scoreLine} with the line's {@link lineShape} at hand. */
function scoreShapedLine(cue: Cue, shape: LineShape, repeated: boolean): number {
  const t = cue.text.text;
  const { words, long, caps } = shape;
  let s = 0;
  const terminal = isTerminal(t);
  if (terminal) s += words >= 4 ? 1 : 0.5;
  else {
    const last = t.charCodeAt(t.length - 1);
    if (!(last === 44 || last === 59 || last === 58)) s -= 1.5;
  }
  if (PRONOUN.test(t)) s += 1;
  if (cue.turnStart) s += 1.5;
  if (!cue.turnStart && shape.dashSpace && MIDLINE_MARKER.test(t)) s += 1;
  if (long >= 2 && caps / long > 0.6) s -= 1.5;
  if (repeated && words >= 4) s -= 2;
  if (MAYBE_DOMAIN.test(t) && DOMAIN.test(t)) s -= 1.5;
  if (shape.pipe) s -= 2;
  if (mayCredit(t) && CREDIT.test(t)) s -= 2.5;
  if (shape.digit && /\b\d+m \d+s\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/.test(t)) s -= 1;
  return s;
}

const CREDIT = /\b(?:is produced by|is presented by|presented by|produced by|provided by|sponsored by|support for|support from|all rights reserved)\b|©/i;

/** Whether {@link CREDIT} can match: it needs "by", "support", "reserved" (any case) or "©". */
function mayCredit(t: string): boolean {
  return MAYBE_CREDIT.test(t);
}

const MAYBE_CREDIT = /by|support|reserved|©/i;

/** {@link TERMINAL} without the regex: closing quotes and brackets, then . ? ! or …, at the end. */
function isTerminal(t: string): boolean {
  let j = t.length;
  for (; j > 0; j--) {
    const c = t.charCodeAt(j - 1);
    if (!(c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93)) break;
  }
  if (j === 0) return false;
  const c = t.charCodeAt(j - 1);
  return c === 46 || c === 63 || c === 33 || c === 0x2026;
}

/** What one scan of a line tells {@link stripChrome}: its words, the hash of its loose key, and a few characters it holds. */
interface LineShape {
  /** Pieces between whitespace. */
  words: number;
  /** Pieces that start with four letters (`/^[\p{L}]{4,}/u`). */
  long: number;
  /** Long pieces that start upper case (`/^\p{Lu}/u`). */
  caps: number;
  /** {@link fnv} of the line's {@link looseKey}. */
  hash: number;
  /** The loose key, when it was built (non-ASCII lines). */
  key?: string;
  /** The line has an ASCII digit (`/\d/`). */
  digit: boolean;
  /** The line has a `|`. */
  pipe: boolean;
  /** The line has a dash before whitespace ({@link MAYBE_MIDLINE_MARKER}). */
  dashSpace: boolean;
}

/**
 * The {@link LineShape} of a line. ASCII lines take one scan that builds no string: whitespace
 * ends a piece, the letters and digits feed the loose key's hash (lower-cased, one space between
 * runs), and digits, `|` and a dash before whitespace are noted; other lines are counted by
 * {@link countWords}, hash their {@link looseKey} and are searched for those characters.
 */
function lineShape(t: string): LineShape {
  let words = 0;
  let long = 0;
  let caps = 0;
  let h = FNV_OFFSET;
  let runs = 0;
  let inRun = false;
  let inPiece = false;
  let letters = 0; // leading letters of the current piece, counted up to 4
  let counting = false; // still counting them
  let upper = false; // the piece starts upper case
  let digit = false;
  let pipe = false;
  let dashSpace = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 128) {
      const key = looseKey(t);
      return { ...countWords(t), hash: fnv(key), key, digit: /\d/.test(t), pipe: t.includes("|"), dashSpace: MAYBE_MIDLINE_MARKER.test(t) };
    }
    if (c === 32 || (c >= 9 && c <= 13)) {
      if (i > 0 && t.charCodeAt(i - 1) === 45) dashSpace = true;
      inPiece = false;
      inRun = false;
      continue;
    }
    if (c === 124) pipe = true;
    const lower = c >= 65 && c <= 90 ? c + 32 : c;
    const letter = lower >= 97 && lower <= 122;
    const figure = c >= 48 && c <= 57;
    if (figure) digit = true;
    if (!inPiece) {
      inPiece = true;
      words++;
      letters = 0;
      counting = true;
      upper = c !== lower;
    }
    if (counting) {
      if (!letter) counting = false;
      else if (++letters === 4) {
        counting = false;
        long++;
        if (upper) caps++;
      }
    }
    if (letter || figure) {
      if (!inRun && runs++ > 0) h = Math.imul(h ^ 32, FNV_PRIME);
      inRun = true;
      h = Math.imul(h ^ lower, FNV_PRIME);
    } else inRun = false;
  }
  return { words, long, caps, hash: h, digit, pipe, dashSpace };
}

/**
 * Pieces between whitespace; of them the "long" ones (four letters first: `/^[\p{L}]{4,}/u`) and
 * the long ones starting upper case (`/^\p{Lu}/u`), by a scan (any text).
 */
function countWords(t: string): { words: number; long: number; caps: number } {
  let words = 0;
  let long = 0;
  let caps = 0;
  const n = t.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(t.charCodeAt(i))) i++;
    if (i >= n) break;
    words++;
    // The first four code points of the piece: letters? The first upper case?
    let letters = 0;
    let upper = false;
    let j = i;
    while (j < n && letters < 4) {
      const c = t.charCodeAt(j);
      if (isSpace(c)) break;
      const cp = c < 128 ? c : codePointAt(t, j);
      const cls = charClass(cp);
      if (!(cls & LETTER)) break;
      if (letters === 0) upper = (cls & UPPER) !== 0;
      letters++;
      j += cp > 0xffff ? 2 : 1;
    }
    if (letters === 4) {
      long++;
      if (upper) caps++;
    }
    while (i < n && !isSpace(t.charCodeAt(i))) i++;
  }
  return { words, long, caps };
}

/**
 * For each text, whether another text has the same loose key ({@link looseKey}).
 *
 * @example
 * repeatedLines(["Hello, world!", "a", "hello world"]); // [true, false, true]
 */
export function repeatedLines(texts: readonly string[]): boolean[] {
  return repeatedByHash(texts, texts.map(lineShape));
}

/**
 * {@link repeatedLines} from the lines' shapes: texts are grouped by the hash of their loose key,
 * and a hash match is confirmed by comparing the keys themselves (built only then), so the answer
 * is exact.
 */
function repeatedByHash(texts: readonly string[], shapes: readonly LineShape[]): boolean[] {
  const n = texts.length;
  const keys: (string | undefined)[] = shapes.map((s) => s.key);
  const keyAt = (i: number) => (keys[i] ??= looseKey(texts[i]));
  // Open addressing: a slot holds 1 + the index of the first text of a group.
  let size = 16;
  while (size < 2 * n) size *= 2;
  const slots = new Int32Array(size);
  const first = new Int32Array(n);
  const count = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = shapes[i].hash;
    for (let at = h & (size - 1); ; at = (at + 1) & (size - 1)) {
      const j = slots[at] - 1;
      if (j < 0) {
        slots[at] = i + 1;
        first[i] = i;
        count[i] = 1;
        break;
      }
      // Equal texts have equal keys: only texts that differ need their keys built.
      if (shapes[j].hash === h && (texts[j] === texts[i] || keyAt(j) === keyAt(i))) {
        first[i] = j;
        count[j]++;
        break;
      }
    }
  }
  const out = new Array<boolean>(n);
  for (let i = 0; i < n; i++) out[i] = count[first[i]] > 1;
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of a string's code units. */
function fnv(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * The 1-based line of each offset, as {@link lineOf} gives it: while the offsets ascend (cues come
 * in source order) the line is found by walking forward from the previous one, otherwise by search.
 */
function linesOf(source: Pick<Source, "lineStarts">, offsets: readonly number[]): number[] {
  const starts = source.lineStarts;
  const out = new Array<number>(offsets.length);
  let line = 0; // 0-based index into starts
  for (let k = 0; k < offsets.length; k++) {
    const offset = offsets[k];
    if (offset < starts[line]) line = lineOf(source, offset) - 1;
    else while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    out[k] = line + 1;
  }
  return out;
}

/** The first source offset of a map (`sourceSpan()?.start ?? 0` without the span object). */
function firstSourceOffset(src: Int32Array): number {
  for (let i = 0; i < src.length; i++) if (src[i] >= 0) return src[i];
  return 0;
}

function readMeta(chrome: string[], meta: EpisodeMeta): void {
  let dateLine = -1;
  for (let i = 0; i < chrome.length && !meta.airDate; i++) {
    const iso = parseDate(chrome[i]);
    if (iso) {
      meta.airDate = iso;
      dateLine = i;
    }
  }
  const titleish = (t: string) => {
    const words = t.split(/\s+/).filter(Boolean);
    const long = words.filter((w) => /^[\p{L}]{4,}/u.test(w));
    return words.length >= 1 && words.length <= 14 && !/[.!…]$/.test(t) && !t.includes("|") && long.every((w) => /^\p{Lu}/u.test(w));
  };
  if (!meta.title && dateLine > 0 && titleish(chrome[dateLine - 1])) meta.title = chrome[dateLine - 1];
  if (!meta.title) meta.title = chrome.find((t) => titleish(t) && t.split(/\s+/).length >= 3);
  if (!meta.show) {
    const ti = meta.title ? chrome.indexOf(meta.title) : -1;
    const before = ti > 0 ? chrome[ti - 1] : undefined;
    if (before && titleish(before) && before.split(/\s+/).length <= 4) meta.show = before;
    else {
      // The most repeated short title-case line is usually the show's name.
      const counts = new Map<string, number>();
      for (const t of chrome) if (titleish(t) && t.split(/\s+/).length <= 4) counts.set(t, (counts.get(t) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1])[0];
      if (top && top[1] > 1) meta.show = top[0];
    }
  }
  for (const t of chrome) for (const name of findListedPeople(t)) if (!meta.names.includes(name)) meta.names.push(name);
}

/**
 * People a chrome line lists: "Host: Ana Ruiz", "Guests: Bo Li, Cy Dee", "with Ana Ruiz", "hosted by …".
 *
 * @example
 * findListedPeople("Guests: Ana Ruiz and Bo Li"); // ["Ana Ruiz", "Bo Li"]
 */
export function findListedPeople(line: string): string[] {
  const out: string[] = [];
  const re = /\b(?:hosts?|guests?|with|hosted by|featuring|produced by|reported by|panel(?:ists)?|credits?|presenters?)\b\s*:?\s*(.+)$/gi;
  const m = re.exec(line);
  if (!m) return out;
  const NAME = /\b(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})\b/gu;
  for (let k = NAME.exec(m[1]); k; k = NAME.exec(m[1])) out.push(k[1]);
  return out;
}

/**
 * Parse a date written as `03/02/2024`, `2024-03-02` or `November 14, 2025` into ISO form.
 *
 * @example
 * parseDate("03/02/2024 | 50m 24s"); // "2024-03-02"
 */
export function parseDate(t: string): string | undefined {
  const pad = (x: number) => String(x).padStart(2, "0");
  let m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(t);
  if (m) return `${m[3]}-${pad(+m[1])}-${pad(+m[2])}`;
  m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+(\d{1,2}),?\s+(\d{4})\b/i.exec(t);
  if (m) {
    const month = MONTHS.findIndex((x) => x.startsWith(m![1].toLowerCase().slice(0, 3))) + 1;
    return `${m[3]}-${pad(month)}-${pad(+m[2])}`;
  }
  return undefined;
}
