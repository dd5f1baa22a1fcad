import type { Span } from "./span.js";

/** One edit of a {@link MappedText}: replace [start, end) of its text with `insert`. */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
}

/**
 * Text that remembers where each of its characters came from in the source.
 *
 * `src[i]` is the source offset of `text[i]`, or -1 for a character that was inserted (a joining
 * space, say). Cleaning never edits the source: each step returns a new MappedText, and maps
 * compose for free because every step keeps source offsets, not offsets into the previous step.
 *
 * Deviation from STYLE.md's run-length `(cleanStart, sourceStart, length)` map: a per-code-unit
 * Int32Array is simpler, gives O(1) look-ups and costs 4 bytes a character for the one file in
 * flight; nothing keeps it after the file is stored. Text cut straight from the source shares
 * one identity map per process (up to 16 MiB, the size of the longest file read so far), so a map
 * must never be written after construction.
 *
 * @example
 * const t = MappedText.fromSource("ab\ncd", 0, 5);
 * const j = MappedText.join([t.slice(0, 2), t.slice(3, 5)], " ");
 * j.text; // "ab cd"
 * j.sourceSpan(3, 5); // { start: 3, end: 5 }
 */
export class MappedText {
  constructor(
    readonly text: string,
    readonly src: Int32Array,
  ) {
    if (src.length !== text.length) throw new Error("MappedText: map length differs from text length");
  }

  /**
   * The slice [start, end) of a source text, mapped to itself. The map is a view on a shared
   * identity map (see {@link identityMap}), so readers that cut a file into many lines allocate
   * no map per line.
   */
  static fromSource(sourceText: string, start: number, end: number): MappedText {
    return new MappedText(sourceText.slice(start, end), identityMap(start, end));
  }

  /** Text with no source (every character inserted). */
  static inserted(text: string): MappedText {
    return new MappedText(text, newSourceMap(text.length).fill(-1));
  }

  /** Join parts with an inserted separator (one part is returned as it is). */
  static join(parts: readonly MappedText[], sep: string): MappedText {
    if (parts.length === 1) return parts[0];
    let len = 0;
    for (const p of parts) len += p.text.length;
    len += Math.max(0, parts.length - 1) * sep.length;
    const src = newSourceMap(len);
    const texts = new Array<string>(parts.length);
    let k = 0;
    for (let i = 0; i < parts.length; i++) {
      if (i > 0 && sep) {
        src.fill(-1, k, k + sep.length);
        k += sep.length;
      }
      const p = parts[i];
      texts[i] = p.text;
      src.set(p.src, k);
      k += p.text.length;
    }
    return new MappedText(texts.join(sep), src);
  }

  get length(): number {
    return this.text.length;
  }

  /**
   * The part [start, end). The map is a view on this one's buffer, not a copy: maps are never
   * written after construction, so sharing is safe and saves a copy per sentence and turn.
   */
  slice(start: number, end: number = this.text.length): MappedText {
    return new MappedText(this.text.slice(start, end), this.src.subarray(start, end));
  }

  /** Remove leading and trailing whitespace (one slice at most). */
  trim(): MappedText {
    const t = this.text;
    let start = 0;
    let end = t.length;
    while (start < end && isSpace(t.charCodeAt(start))) start++;
    while (end > start && isSpace(t.charCodeAt(end - 1))) end--;
    return start === 0 && end === t.length ? this : this.slice(start, end);
  }

  /**
   * Apply non-overlapping edits (sorted or not). Deleted characters vanish from the map; inserted
   * characters map to the first source offset of what they replace, or -1 for a pure insertion.
   */
  edit(edits: readonly TextEdit[]): MappedText {
    if (edits.length === 0) return this;
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    let text = "";
    const out: number[] = [];
    let pos = 0;
    for (const e of sorted) {
      if (e.start < pos) continue; // overlapping edit: the earlier one wins
      text += this.text.slice(pos, e.start);
      for (let i = pos; i < e.start; i++) out.push(this.src[i]);
      const anchor = e.end > e.start ? firstReal(this.src, e.start, e.end) : -1;
      text += e.insert;
      for (let i = 0; i < e.insert.length; i++) out.push(anchor);
      pos = e.end;
    }
    text += this.text.slice(pos);
    for (let i = pos; i < this.text.length; i++) out.push(this.src[i]);
    const src = newSourceMap(out.length);
    src.set(out);
    return new MappedText(text, src);
  }

  /** Replace every match of a global regex (like String.replace with a function). */
  replace(re: RegExp, fn: (match: RegExpExecArray) => string): MappedText {
    if (!re.global) throw new Error("MappedText.replace needs a global regex");
    const edits: TextEdit[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const insert = fn(m);
      if (insert !== m[0]) edits.push({ start: m.index, end: m.index + m[0].length, insert });
    }
    return this.edit(edits);
  }

  /**
   * The source span of [start, end) of this text: from the first mapped character to just after
   * the last one. Null when the range holds only inserted characters.
   */
  sourceSpan(start = 0, end: number = this.text.length): Span | null {
    const a = firstReal(this.src, start, end);
    if (a < 0) return null;
    let b = -1;
    for (let i = end - 1; i >= start; i--) {
      if (this.src[i] >= 0) {
        b = this.src[i] + 1;
        break;
      }
    }
    // A source character that was decoded from an entity spans more than one code unit; the
    // caller widens such spans with the reader's own knowledge when it matters.
    return { start: a, end: Math.max(a + 1, b) };
  }
}

/** Maps of at most this many entries are plain arrays (V8 keeps arrays up to 64 bytes on its heap). */
const SMALL_MAP = 16;
/** Entries of one slab that larger maps are cut from (256 KiB). */
const SLAB_SIZE = 1 << 16;
let slab = new Int32Array(0);
let slabUsed = 0;

/**
 * A new, zero-filled source map of `length` entries for a {@link MappedText}. A map of more than
 * 64 bytes would be an `Int32Array` with its own off-heap buffer, costly to allocate and to
 * collect one by one; so such maps (up to a quarter slab) are cut from a shared slab instead, as
 * views, like {@link MappedText.slice}. A slab is freed when no map cut from it is left. Like
 * every map, the result must not be written once its MappedText is built, and its `buffer` must
 * not be transferred.
 *
 * @example
 * newSourceMap(3); // Int32Array [0, 0, 0]
 */
export function newSourceMap(length: number): Int32Array {
  if (length <= SMALL_MAP || length > SLAB_SIZE / 4) return new Int32Array(length);
  if (slabUsed + length > slab.length) {
    slab = new Int32Array(SLAB_SIZE);
    slabUsed = 0;
  }
  const map = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += length;
  return map;
}

/** Offsets up to this are served from the shared identity map (16 MiB at most). */
const IDENTITY_LIMIT = 1 << 22;
/** `IDENTITY[i] === i`: grown on demand, never written otherwise. */
let IDENTITY = new Int32Array(0);

/**
 * The map of the source range [start, end) to itself (`src[i] === start + i`). Within the first
 * {@link IDENTITY_LIMIT} offsets it is a view on one shared, read-only identity array (maps are
 * never written after construction, like {@link MappedText.slice} views); beyond, a new array.
 */
function identityMap(start: number, end: number): Int32Array {
  if (start < 0 || end < start || end > IDENTITY_LIMIT) {
    const src = new Int32Array(end - start); // (a range the wrong way round throws, as it always did)
    for (let i = 0; i < src.length; i++) src[i] = start + i;
    return src;
  }
  if (end > IDENTITY.length) {
    const size = Math.min(IDENTITY_LIMIT, Math.max(end, IDENTITY.length * 2, 1 << 16));
    IDENTITY = new Int32Array(size);
    for (let i = 0; i < size; i++) IDENTITY[i] = i;
  }
  return IDENTITY.subarray(start, end);
}

/** Whitespace as `\s` matches it. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function firstReal(src: Int32Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (src[i] >= 0) return src[i];
  return -1;
}
