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

/** Hex sha256 of some bytes. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Decode raw bytes into a {@link Source}: UTF-8 with or without BOM, UTF-16 LE/BE with BOM.
 * Throws a {@link TranscriptError} for an empty, binary or undecodable file.
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
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    // Node's TextDecoder has no utf-16be: swap bytes and decode as LE.
    const body = bytes.subarray(2);
    const swapped = new Uint8Array(body.length - (body.length % 2));
    for (let i = 0; i + 1 < body.length; i += 2) {
      swapped[i] = body[i + 1];
      swapped[i + 1] = body[i];
    }
    text = new TextDecoder("utf-16le", { fatal: true }).decode(swapped);
  } else {
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // A NUL byte in the first 8 KiB means a binary file, not text.
    const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
    if (probe.includes(0)) throw new TranscriptError(path, "binary file (NUL bytes), not a transcript");
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
    } catch {
      const at = firstInvalidUtf8(bytes);
      throw new TranscriptError(path, `not valid UTF-8 (byte ${at}); save it as UTF-8 or UTF-16 with BOM`);
    }
  }
  if (text.trim().length === 0) throw new TranscriptError(path, "empty file (only whitespace)");
  return { path, text, sha256: hash, encoding, lineStarts: computeLineStarts(text) };
}

/** Build a {@link Source} from an already decoded string (tests, generated input). */
export function sourceFromText(path: string, text: string): Source {
  return { path, text, sha256: sha256(text), encoding: "utf-8", lineStarts: computeLineStarts(text) };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, i + 1));
    } catch {
      // A truncated multi-byte sequence at the end of the probe is not yet an error.
      if (i + 4 < bytes.length) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, i + 4));
        } catch {
          return i;
        }
      }
    }
    if (i > 1 << 16) break;
  }
  return 0;
}

/** Offsets of line starts; `\r\n`, `\n` and `\r` each end a line. */
export function computeLineStarts(text: string): Uint32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
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

/** 1-based line of the last character of a half-open span (end-exclusive). */
export function endLineOf(source: Pick<Source, "lineStarts">, start: number, end: number): number {
  return lineOf(source, Math.max(start, end - 1));
}

/** The text of 1-based line `n`, without its line break. */
export function lineText(source: Source, n: number): string {
  const start = source.lineStarts[n - 1] ?? source.text.length;
  const next = source.lineStarts[n] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$|\r$/, "");
}
