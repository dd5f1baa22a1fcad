import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { TranscriptError } from "./diagnostic.js";

/**
 * A transcript file as read: the decoded text that every offset in claimcast points into.
 *
 * Offsets are 0-based, end-exclusive indices into `text`, counted in UTF-16 code units (as
 * `String.prototype.slice` counts). A byte-order mark is not part of `text`. Line ends are kept
 * as they were (`\n`, `\r\n` or `\r`); `\r\n` counts as one line break.
 */
export interface Source {
  /** Path as given by the caller (used in messages). */
  readonly path: string;
  /** Decoded text, without BOM. */
  readonly text: string;
  /** sha256 of the raw bytes, hex. */
  readonly sha256: string;
  /** Encoding that was detected. */
  readonly encoding: "utf-8" | "utf-16le" | "utf-16be";
  /** Offsets at which each line starts (line 1 starts at 0). */
  readonly lineStarts: Uint32Array;
}

/**
 * Hex sha256 of some bytes.
 *
 * @example
 * sha256("").slice(0, 8); // "e3b0c442"
 */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Decode raw bytes into a {@link Source}: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (and
 * UTF-16 LE/BE without BOM when the byte pattern leaves no doubt). Line ends (`\n`, `\r\n`, `\r`)
 * are kept as they are. Throws a {@link TranscriptError} with a one-line reason for an empty file,
 * a binary file, or bytes that are not valid UTF-8 (naming the line of the first bad byte).
 * Runs in linear time; a huge file with no line breaks is decoded like any other (the read stage
 * decides whether it is a transcript).
 *
 * @example
 * const src = decodeSource("a.txt", Buffer.from("\uFEFFhello\r\nworld"));
 * src.text; // "hello\r\nworld"
 * lineOf(src, 7); // 2
 */
export function decodeSource(path: string, bytes: Uint8Array): Source {
  const hash = sha256(bytes);
  if (bytes.length === 0) throw new TranscriptError(path, "empty file");
  let text: string;
  let encoding: Source["encoding"] = "utf-8";
  const bomless16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "be" : sniffUtf16(bytes);
  if (bomless16) {
    const hasBom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const body = bytes.subarray(hasBom ? 2 : 0);
    encoding = bomless16 === "le" ? "utf-16le" : "utf-16be";
    let le: Uint8Array = body;
    if (bomless16 === "be") {
      // Node's TextDecoder has no utf-16be: swap bytes and decode as LE.
      const swapped = new Uint8Array(body.length - (body.length % 2));
      for (let i = 0; i + 1 < body.length; i += 2) {
        swapped[i] = body[i + 1];
        swapped[i + 1] = body[i];
      }
      le = swapped;
    }
    if (le.length % 2 === 1) throw new TranscriptError(path, `truncated UTF-16 (odd number of bytes: ${bytes.length})`);
    try {
      text = new TextDecoder("utf-16le", { fatal: true }).decode(le);
    } catch {
      throw new TranscriptError(path, "not valid UTF-16 (unpaired surrogate)");
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else {
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // A NUL byte, or many control bytes, in the first 8 KiB means a binary file, not text.
    const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
    if (probe.includes(0) || controlRatio(probe) > 0.1) throw new TranscriptError(path, "binary file, not a transcript");
    // The native validator answers the common case; the scan finds the offending byte otherwise.
    const bad = isUtf8(bytes.subarray(start)) ? -1 : firstInvalidUtf8(bytes, start);
    if (bad >= 0) {
      throw new TranscriptError(path, `not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, "0")} at offset ${bad}); save it as UTF-8 or UTF-16 with BOM`, lineOfByte(bytes, bad));
    }
    text = new TextDecoder("utf-8").decode(bytes.subarray(start));
  }
  if (text.trim().length === 0) throw new TranscriptError(path, "empty file (only whitespace)");
  return { path, text, sha256: hash, encoding, lineStarts: computeLineStarts(text) };
}

/** UTF-16 without BOM: in the first 4 KiB, nearly every other byte is 0 (ASCII text in 16 bits). */
function sniffUtf16(bytes: Uint8Array): "le" | "be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) return "le";
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) return "be";
  return null;
}

/** Share of C0 control bytes other than tab, line feed, form feed and carriage return. */
function controlRatio(probe: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i];
    if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) n++;
  }
  return probe.length ? n / probe.length : 0;
}

/** Index of the first byte that breaks UTF-8 well-formedness, or -1. Linear time. */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line of a byte offset (counting `\n`, `\r\n` and `\r`). */
function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 10) line++;
    else if (bytes[i] === 13 && bytes[i + 1] !== 10) line++;
  }
  return line;
}

/**
 * Build a {@link Source} from an already decoded string (tests, generated input).
 *
 * @example
 * sourceFromText("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi").lineStarts.length; // 3
 */
export function sourceFromText(path: string, text: string): Source {
  return { path, text, sha256: sha256(text), encoding: "utf-8", lineStarts: computeLineStarts(text) };
}

/**
 * Offsets of line starts; `\r\n`, `\n` and `\r` each end a line.
 *
 * @example
 * Array.from(computeLineStarts("a\r\nb\rc")); // [0, 3, 5]
 */
export function computeLineStarts(text: string): Uint32Array {
  // Text without `\r`: count the `\n`s (a native search), then fill an array of that size.
  if (text.indexOf("\r") < 0) {
    let count = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
    const starts = new Uint32Array(count);
    let k = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts[k++] = i + 1;
    return starts;
  }
  // Every line break holds a `\n` or a `\r`: their count bounds the number of lines.
  let bound = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) bound++;
  }
  const starts = new Uint32Array(bound);
  let k = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts[k++] = i + 1;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts[k++] = i + 1;
    }
  }
  return k === bound ? starts : starts.slice(0, k);
}

/**
 * 1-based line number of an offset.
 *
 * @example
 * lineOf(sourceFromText("x", "a\nb"), 2); // 2
 */
export function lineOf(source: Pick<Source, "lineStarts">, offset: number): number {
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * 1-based line of an offset, like {@link lineOf}, searched forward from line `from` (the line of an
 * earlier offset): steps of 1, 2, 4, … from there, then a binary search in the last step. Rows
 * built in source order find their line in a step or two instead of a search of the whole file.
 * A `from` that is not at or before the offset's line (or not a line) searches from line 1.
 *
 * @example
 * lineOfFrom(sourceFromText("x", "a\nb\nc"), 2, 4); // 3
 */
export function lineOfFrom(source: Pick<Source, "lineStarts">, from: number, offset: number): number {
  const starts = source.lineStarts;
  let lo = from >= 1 && from <= starts.length && starts[from - 1] <= offset ? from - 1 : 0;
  let hi = starts.length - 1;
  let step = 1;
  while (lo + step <= hi && starts[lo + step] <= offset) {
    lo += step;
    step *= 2;
  }
  // The line is in [lo, lo + step): starts[lo] <= offset, and starts[lo + step] > offset or is past the end.
  if (lo + step - 1 < hi) hi = lo + step - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * The text of 1-based line `n`, without its line break.
 *
 * @example
 * lineText(sourceFromText("x", "ab\r\ncd"), 1); // "ab"
 */
export function lineText(source: Source, n: number): string {
  const start = source.lineStarts[n - 1] ?? source.text.length;
  const next = source.lineStarts[n] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$|\r$/, "");
}
