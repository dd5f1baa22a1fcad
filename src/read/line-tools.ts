import { MappedText, newSourceMap } from "../core/mapped-text.js";
import type { Source } from "../core/source.js";
import type { EpisodeMeta } from "../core/types.js";

/** One line of a source: [start, end) without its line break; `eol` is where the break starts. */
export interface SourceLine {
  /** 1-based line number. */
  n: number;
  start: number;
  end: number;
}

/**
 * The lines of a source, without line breaks (`\n`, `\r\n`, `\r`), from its line index.
 *
 * @example
 * sourceLines(sourceFromText("a", "x\r\ny")).map((l) => [l.start, l.end]); // [[0, 1], [3, 4]]
 */
export function sourceLines(source: Pick<Source, "text" | "lineStarts">): SourceLine[] {
  const { text, lineStarts } = source;
  const out: SourceLine[] = new Array(lineStarts.length);
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    let end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
    if (end > start && text.charCodeAt(end - 1) === 10) end--;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    out[i] = { n: i + 1, start, end };
  }
  return out;
}

/**
 * Whether [start, end) of `text` holds only whitespace.
 *
 * @example
 * isBlank("a \t\n", 1, 3); // true
 */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 12 && c !== 0xfeff) return false;
  }
  return true;
}

/**
 * Regex source of a clock timestamp: `hh:mm:ss.ttt`, `mm:ss.ttt`, `h:mm:ss`, `mm:ss`, with `.` or
 * `,` before the fraction. Readers build their line patterns from it.
 *
 * @example
 * new RegExp(`^${TIMESTAMP_SOURCE}$`).test("01:02,500"); // true
 */
export const TIMESTAMP_SOURCE = String.raw`(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;

/**
 * Seconds of a clock timestamp (`01:02:03.500`, `02:03,5`, `1:02`), or null when it is not one.
 *
 * @example
 * parseTimestamp("00:01:02,500"); // 62.5
 */
export function parseTimestamp(s: string): number | null {
  const m = /^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*$/.exec(s);
  if (!m) return null;
  const h = m[1] ? Number(m[1]) : 0;
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (sec >= 60 || (m[1] !== undefined && min >= 60)) return null;
  const frac = m[4] ? Number(m[4].padEnd(3, "0")) / 1000 : 0;
  return Math.round((h * 3600 + min * 60 + sec + frac) * 1000) / 1000;
}

/**
 * Concatenate mapped texts without separators (each part keeps its own offsets).
 *
 * @example
 * concatMapped([MappedText.fromSource("ab", 0, 1), MappedText.fromSource("ab", 1, 2)]).text; // "ab"
 */
export function concatMapped(parts: readonly MappedText[]): MappedText {
  return MappedText.join(parts, "");
}

/**
 * A single character that stands for something in the source (a line break, a `<br>`), mapped to
 * that place, so joined lines stay fully mapped.
 *
 * @example
 * mappedChar(" ", 12).src[0]; // 12
 */
export function mappedChar(ch: string, offset: number): MappedText {
  return new MappedText(ch, Int32Array.of(offset));
}

/**
 * Join lines of one cue or paragraph with a space that maps to the line break it replaces.
 * Empty parts are skipped.
 *
 * @example
 * joinLines([{ text: a, breakAt: 5 }, { text: b, breakAt: 11 }]).text; // "a b"
 */
export function joinLines(parts: readonly { text: MappedText; breakAt: number }[]): MappedText {
  const out: MappedText[] = [];
  let prevBreak = -1;
  for (const p of parts) {
    if (p.text.length === 0) continue;
    if (out.length > 0) out.push(mappedChar(" ", prevBreak));
    out.push(p.text);
    prevBreak = p.breakAt;
  }
  return concatMapped(out);
}

/**
 * Remove markup tags (`<i>`, `</font>`, `<c.yellow>`, `<00:00:01.000>`, ASS `{\an8}`) from mapped
 * text. Tag characters vanish from the map; the text between them keeps its offsets. Ruby
 * annotations (`<rt>…</rt>`) go with their tags.
 *
 * @example
 * stripTags(MappedText.fromSource("<i>Hi</i>", 0, 9)).text; // "Hi"
 */
export function stripTags(t: MappedText): MappedText {
  if (t.text.indexOf("<") < 0 && t.text.indexOf("{\\") < 0) return t;
  return replaceMapped(t, /<rt\b[^>]*>[^<]*<\/rt\s*>|<\/?[a-zA-Z][^<>]*>|<\d[\d:.,]*>|<\/?>|\{\\[^{}]*\}/g, () => "");
}

/**
 * Collapse whitespace runs to one space (mapped to the first character of the run) and trim.
 *
 * @example
 * squeezeSpaces(MappedText.fromSource("a \n  b ", 0, 7)).text; // "a b"
 */
export function squeezeSpaces(t: MappedText): MappedText {
  if (!/\s{2,}|[\t\r\n\f\u00a0]/.test(t.text)) return t.trim();
  return replaceMapped(t, /\s{2,}|[\t\r\n\f\u00a0]/g, () => " ").trim();
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * An ISO date (YYYY-MM-DD) from how files write air dates: `2025-11-14`, `2025-11-14T10:00:00Z`,
 * `11/14/2025`, `November 14, 2025`, `14 Nov 2025`, RFC 822 (`Fri, 14 Nov 2025 …`). Null otherwise.
 *
 * @example
 * parseAirDate("November 14, 2025"); // "2025-11-14"
 */
export function parseAirDate(s: string): string | null {
  const pad = (n: number) => String(n).padStart(2, "0");
  const ok = (y: number, m: number, d: number) => (m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${pad(m)}-${pad(d)}` : null);
  let m = /(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return ok(+m[1], +m[2], +m[3]);
  m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(s);
  if (m) return ok(+m[3], +m[1], +m[2]);
  m = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS.includes(m[1].toLowerCase())) return ok(+m[3], MONTHS.indexOf(m[1].toLowerCase()) + 1, +m[2]);
  m = /\b(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})\b/.exec(s);
  if (m && MONTHS.includes(m[2].toLowerCase())) return ok(+m[3], MONTHS.indexOf(m[2].toLowerCase()) + 1, +m[1]);
  return null;
}

/**
 * Names from a credits value: `Ana Ruiz, Bo Li and Cy Dee` → three names.
 *
 * @example
 * splitNames("Ana Ruiz, Bo Li & Cy Dee"); // ["Ana Ruiz", "Bo Li", "Cy Dee"]
 */
export function splitNames(s: string): string[] {
  return s
    .split(/\s*(?:,|;|&|\band\b|\|)\s*/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0 && x.length <= 60);
}

/**
 * Put a `Key: value` fact a file states about itself into `meta`: title, show (`Show`, `Podcast`,
 * `Programme`, `Series`), air date (`Date`, `Air date`, `Aired`, `pubDate`), names (`Guests`,
 * `Hosts`, `Speakers`, `Names`); anything else goes to `meta.extra` under its lower-cased key.
 * Returns false when the key is not a recognisable fact name.
 *
 * @example
 * applyMetaField(meta, "Air date", "2025-11-14"); // meta.airDate === "2025-11-14"
 */
export function applyMetaField(meta: EpisodeMeta, key: string, value: string): boolean {
  const k = key.trim().toLowerCase().replace(/[\s_-]+/g, "");
  const v = value.trim();
  if (!/^[a-z][a-z0-9]{0,24}$/.test(k) || v.length === 0) return false;
  if (k === "title" || k === "episodetitle") meta.title ??= v;
  else if (k === "show" || k === "podcast" || k === "programme" || k === "program" || k === "series" || k === "showtitle") meta.show ??= v;
  else if (k === "date" || k === "airdate" || k === "aired" || k === "pubdate" || k === "published") {
    const d = parseAirDate(v);
    if (d) meta.airDate ??= d;
  } else if (k === "guest" || k === "guests" || k === "host" || k === "hosts" || k === "speakers" || k === "names" || k === "cast") {
    for (const name of splitNames(v)) if (!meta.names.includes(name)) meta.names.push(name);
  } else (meta.extra ??= {})[k] = v;
  return true;
}

/**
 * Replace every match of a global regex in mapped text, like `MappedText.replace` but with one
 * typed-array allocation (readers call it for every line). Replacement characters map to the
 * source offset of the match's first character; removed characters vanish from the map.
 *
 * @example
 * replaceMapped(MappedText.fromSource("a  b", 0, 4), / +/g, () => " ").text; // "a b"
 */
export function replaceMapped(t: MappedText, re: RegExp, fn: (m: RegExpExecArray) => string): MappedText {
  const text = t.text;
  const pieces: string[] = [];
  const spans: number[] = []; // triples: kind (0 copy, 1 insert), from/offset, length
  let pos = 0;
  let len = 0;
  let changed = false;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const insert = fn(m);
    if (insert === m[0]) continue;
    changed = true;
    if (m.index > pos) {
      pieces.push(text.slice(pos, m.index));
      spans.push(0, pos, m.index - pos);
      len += m.index - pos;
    }
    if (insert.length > 0) {
      pieces.push(insert);
      spans.push(1, t.src[m.index], insert.length);
      len += insert.length;
    }
    pos = m.index + m[0].length;
  }
  if (!changed) return t;
  if (pos < text.length) {
    pieces.push(text.slice(pos));
    spans.push(0, pos, text.length - pos);
    len += text.length - pos;
  }
  const src = newSourceMap(len);
  let k = 0;
  for (let i = 0; i < spans.length; i += 3) {
    const n = spans[i + 2];
    if (spans[i] === 0) src.set(t.src.subarray(spans[i + 1], spans[i + 1] + n), k);
    else src.fill(spans[i + 1], k, k + n);
    k += n;
  }
  return new MappedText(pieces.join(""), src);
}
