import { MappedText } from "../core/mapped-text.js";
import { TranscriptError } from "../core/diagnostic.js";
import { lineOf, type Source } from "../core/source.js";
import type { StageContext } from "../core/types.js";

/** A JSON value with the source offsets readers need. */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonScalar;

/** `{...}`: members in source order (a repeated key keeps its last value, as in `JSON.parse`). */
export interface JsonObject {
  kind: "object";
  start: number;
  members: Map<string, JsonNode>;
}

/** `[...]`. */
export interface JsonArray {
  kind: "array";
  start: number;
  items: JsonNode[];
}

/** A string literal: `text` is its decoded value, each unit mapped to the source (escapes to their backslash). */
export interface JsonString {
  kind: "string";
  start: number;
  value: string;
  text: MappedText;
}

/** A number, boolean or null. */
export interface JsonScalar {
  kind: "number" | "boolean" | "null";
  start: number;
  value: number | boolean | null;
}

/** A number or literal at `lastIndex` (sticky; set before each use). */
const SCALAR = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * Parse JSON into a tree that remembers where each string literal's characters are in the source:
 * a character written as an escape (`\n`, `\u00e9`) maps to the offset of its backslash, any other
 * to its own offset. Iterative and linear, so deep nesting or a multi-megabyte single line is fine.
 * Throws a {@link TranscriptError} naming the line: `truncated JSON: …` when the file ends inside a
 * value, `invalid JSON: …` for anything else.
 *
 * @example
 * const root = scanJson(sourceFromText("a.json", '{"body": "Hi \\u00e9"}')) as JsonObject;
 * const body = root.members.get("body") as JsonString;
 * body.value; // "Hi é"
 * body.text.src[3]; // 13 (the backslash of \u00e9)
 */
export function scanJson(source: Pick<Source, "path" | "text" | "lineStarts">): JsonNode {
  const { text, path } = source;
  const n = text.length;
  let i = 0;
  type Frame = { node: JsonObject | JsonArray; key: string | null; expectValue: boolean; afterValue: boolean };
  const stack: Frame[] = [];
  let root: JsonNode | undefined;

  const line = (at: number) => lineOf(source, Math.min(at, n));
  const truncated = (stringStart?: number): never => {
    const top = stack[stack.length - 1];
    const where = top ? `${top.node.kind === "object" ? "an object" : "an array"} opened at line ${line(top.node.start)}` : "a value";
    const what = stringStart === undefined ? where : `a string opened at line ${line(stringStart)} (in ${where})`;
    throw new TranscriptError(path, `truncated JSON: the file ends inside ${what}`, line(n - 1));
  };
  const invalid = (at: number, why: string): never => {
    if (at >= n) truncated();
    throw new TranscriptError(path, `invalid JSON: ${why}`, line(at));
  };
  const skipWs = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else break;
    }
  };
  /**
   * A string literal at `i`: its value, and (with `mapped`) the value's map. A literal without
   * escapes or control characters, nearly all of them, is a slice of the source mapped to itself;
   * any other goes through {@link readEscapedString}.
   */
  const readString = (mapped: boolean): JsonString | string => {
    const start = i;
    let j = i + 1;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 34 || c === 92 || c < 32) break;
    }
    if (j >= n || text.charCodeAt(j) !== 34) return readEscapedString(mapped);
    i = j + 1;
    if (!mapped) return text.slice(start + 1, j);
    const t = MappedText.fromSource(text, start + 1, j);
    return { kind: "string", start, value: t.text, text: t };
  };
  const readEscapedString = (mapped: boolean): JsonString | string => {
    const start = i;
    i++; // opening quote
    let value = "";
    const map: number[] = [];
    let runStart = i;
    for (;;) {
      if (i >= n) truncated(start);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        value += text.slice(runStart, i);
        for (let k = runStart; k < i; k++) map.push(k);
        const esc = text[i + 1];
        if (esc === undefined) truncated(start);
        if (esc === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (hex.length < 4 && i + 6 > n) truncated(start);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) invalid(i, `bad \\u escape '\\u${hex}'`);
          value += String.fromCharCode(parseInt(hex, 16));
          map.push(i);
          i += 6;
        } else {
          const v = ESCAPES[esc];
          if (v === undefined) invalid(i, `bad escape '\\${esc}'`);
          value += v;
          map.push(i);
          i += 2;
        }
        runStart = i;
        continue;
      }
      if ((c === 10 || c === 13) && text.slice(i).trim() === "") truncated(start);
      if (c < 32) invalid(i, c === 10 || c === 13 ? "line break inside a string (missing closing quote?)" : "control character inside a string");
      i++;
    }
    value += text.slice(runStart, i);
    for (let k = runStart; k < i; k++) map.push(k);
    i++; // closing quote
    return mapped ? { kind: "string", start, value, text: new MappedText(value, Int32Array.from(map)) } : value;
  };
  const readScalar = (): JsonScalar => {
    const start = i;
    const m = SCALAR;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r) {
      // A cut-off literal at the very end of the file ("tr", "12.") is truncation.
      if (/^(?:t(?:r(?:u)?)?|f(?:a(?:l(?:s)?)?)?|n(?:u(?:l)?)?|-|\d+\.|\d+[eE][+-]?)$/.test(text.slice(i).trimEnd())) truncated();
      invalid(i, `unexpected ${describe(text, i)}`);
    }
    i += r![0].length;
    const s = r![0];
    if (s === "true" || s === "false") return { kind: "boolean", start, value: s === "true" };
    if (s === "null") return { kind: "null", start, value: null };
    return { kind: "number", start, value: Number(s) };
  };

  const attach = (node: JsonNode) => {
    const top = stack[stack.length - 1];
    if (!top) root = node;
    else if (top.node.kind === "array") top.node.items.push(node);
    else top.node.members.set(top.key!, node);
    if (top) {
      top.expectValue = false;
      top.afterValue = true;
    }
  };

  skipWs();
  if (i >= n) invalid(i, "no value");
  do {
    skipWs();
    const top = stack[stack.length - 1];
    if (i >= n) truncated();
    const c = text[i];
    if (top && top.afterValue) {
      if (c === ",") {
        i++;
        top.afterValue = false;
        top.expectValue = top.node.kind === "array";
        if (top.node.kind === "object") top.key = null;
        continue;
      }
      if ((c === "}" && top.node.kind === "object") || (c === "]" && top.node.kind === "array")) {
        i++;
        stack.pop();
        continue;
      }
      invalid(i, `expected ',' or '${top.node.kind === "object" ? "}" : "]"}' but found ${describe(text, i)}`);
    }
    if (top && top.node.kind === "object" && top.key === null) {
      if (c === "}" && !top.expectValue) {
        i++;
        stack.pop();
        continue;
      }
      if (c !== '"') invalid(i, `expected a member name but found ${describe(text, i)}`);
      top.key = readString(false) as string;
      skipWs();
      if (i >= n) truncated();
      if (text[i] !== ":") invalid(i, `expected ':' but found ${describe(text, i)}`);
      i++;
      top.expectValue = true;
      continue;
    }
    if (top && top.node.kind === "array" && c === "]" && top.node.items.length === 0) {
      i++;
      stack.pop();
      continue;
    }
    if (c === "{") {
      const node: JsonObject = { kind: "object", start: i, members: new Map() };
      attach(node);
      stack.push({ node, key: null, expectValue: false, afterValue: false });
      i++;
    } else if (c === "[") {
      const node: JsonArray = { kind: "array", start: i, items: [] };
      attach(node);
      stack.push({ node, key: null, expectValue: true, afterValue: false });
      i++;
    } else if (c === '"') attach(readString(true) as JsonString);
    else attach(readScalar());
  } while (stack.length > 0);
  skipWs();
  if (i < n) invalid(i, `unexpected ${describe(text, i)} after the end of the JSON value`);
  return root!;
}

function describe(text: string, i: number): string {
  if (i >= text.length) return "end of file";
  return `'${text.slice(i, i + 12).replace(/\s[\s\S]*$/, "")}'`;
}

/**
 * A member of an object node, or undefined.
 *
 * @example
 * member(root, "segments")?.kind; // "array"
 */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node && node.kind === "object" ? node.members.get(key) : undefined;
}

/**
 * A node's value as a number: numbers as they are, numeric strings parsed (`"12.5"`), else null.
 *
 * @example
 * numberOf({ kind: "number", start: 0, value: 3 }); // 3
 */
export function numberOf(node: JsonNode | undefined): number | null {
  if (!node) return null;
  if (node.kind === "number") return node.value as number;
  if (node.kind === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(node.value)) return Number(node.value);
  return null;
}

/**
 * A node's value as a trimmed, non-empty string, else undefined.
 *
 * @example
 * stringOf(member(seg, "speaker")); // "Alice"
 */
export function stringOf(node: JsonNode | undefined): string | undefined {
  if (!node || node.kind !== "string") return undefined;
  const v = node.value.trim();
  return v.length ? v : undefined;
}

/**
 * A JSON segment's start and end time as a cue keeps them, with a warning through `ctx.report` for
 * a negative time (dropped: no time is better than a wrong one) and for an end before the start
 * (kept, as the WebVTT reader does). `at` is the segment's node, for the warning's line and span.
 *
 * @example
 * cueTimes(ctx, "read/podcast-json", seg, -5, 2); // { startTime: null, endTime: 2 }, and a warning
 */
export function cueTimes(ctx: StageContext, ruleId: string, at: JsonNode, start: number | null, end: number | null): { startTime: number | null; endTime: number | null } {
  const warn = (message: string) =>
    ctx.report({ severity: "warning", ruleId, message: `line ${lineOf(ctx.source, at.start)}: ${message}`, span: { start: at.start, end: at.start + 1 } });
  if (start !== null && start < 0) {
    warn(`negative start time (${start}s); the segment is kept without one`);
    start = null;
  }
  if (end !== null && end < 0) {
    warn(`negative end time (${end}s); the segment is kept without one`);
    end = null;
  }
  if (start !== null && end !== null && end < start) warn(`segment ends (${end}s) before it starts (${start}s)`);
  return { startTime: start, endTime: end };
}
