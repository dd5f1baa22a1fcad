import type { Cue } from "../../src/core/types.js";
import { decodeEntityString } from "../../src/read/decode-entities.js";

/** Lower-cased words of a text (letters and digits), for comparing a cue with its source slice. */
function words(s: string): string[] {
  return s
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A raw source slice as a reader sees it: JSON escapes and entities decoded, tags dropped (or kept). */
function readable(slice: string, dropTags: boolean): string {
  const unescaped = slice.replace(/\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/g, (_m, hex: string | undefined, c: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : c === "n" || c === "r" || c === "t" ? " " : c!,
  );
  const untagged = dropTags
    ? unescaped
        .replace(/<rt\b[^>]*>[^<]*<\/rt\s*>/g, "")
        .replace(/<br\b[^>]*>/gi, " ")
        .replace(/<[^<>]*>/g, "")
    : unescaped;
  return decodeEntityString(untagged);
}

/** Whether `hay` holds every word of `needle` in order. */
function wordsInOrder(needle: string[], hay: string[]): string | null {
  let j = 0;
  for (const w of needle) {
    while (j < hay.length && hay[j] !== w) j++;
    if (j === hay.length) return w;
    j++;
  }
  return null;
}

/**
 * Problems with the cues' source mapping (empty when all is well): every character maps into the
 * source (no -1, in bounds), offsets inside a cue never go backwards, cues start in source order
 * (unless `ordered: false`), each character is the source character at its offset or stands for
 * an escape, entity, tag or line break there, and the source slice of each cue holds the cue's
 * words in order (after entity and JSON-escape decoding).
 *
 * @example
 * expect(checkCueSpans(source.text, result.cues)).toEqual([]);
 */
export function checkCueSpans(source: string, cues: readonly Cue[], opts: { ordered?: boolean } = {}): string[] {
  const problems: string[] = [];
  let prevStart = -1;
  cues.forEach((cue, k) => {
    const tag = `cue ${k} (${JSON.stringify(cue.text.text.slice(0, 30))})`;
    const { text, src } = cue.text;
    if (text.length === 0) {
      problems.push(`${tag}: empty text`);
      return;
    }
    let prev = -1;
    for (let i = 0; i < src.length; i++) {
      const o = src[i];
      if (o < 0 || o >= source.length) {
        problems.push(`${tag}: character ${i} maps to ${o}, outside the source`);
        return;
      }
      if (o < prev) {
        problems.push(`${tag}: character ${i} maps to ${o}, before ${prev}`);
        return;
      }
      prev = o;
      const s = source[o];
      const c = text[i];
      const standsFor = s === c || s === "&" || s === "\\" || (c === " " && /[\s<]/.test(s)) || (c === "\n" && /[\r\n]/.test(s));
      if (!standsFor) {
        problems.push(`${tag}: character ${i} ${JSON.stringify(c)} maps to ${JSON.stringify(s)} at ${o}`);
        return;
      }
    }
    if (opts.ordered !== false && src[0] < prevStart) problems.push(`${tag}: starts at ${src[0]}, before the previous cue (${prevStart})`);
    prevStart = src[0];
    // The last character may stand for a whole entity or escape: the slice covers all of it.
    let end = src[src.length - 1] + 1;
    if (source[end - 1] === "&") end = Math.max(end, source.indexOf(";", end) + 1);
    else if (source[end - 1] === "\\") end += source[end] === "u" ? 5 : 1;
    // Readers drop markup and decode escapes, except the caption-page reader, which keeps a page's
    // text as it is; the slice may match either way.
    const raw = source.slice(src[0], end);
    const cueWords = words(text);
    let missing: string | null = null;
    // The last variant reads tags as HTML does: a broken tag runs to the first ">", across "<" and
    // line breaks, so the words on either side of it join.
    const htmlTags = () => decodeEntityString(raw.replace(/<\/?[a-zA-Z][^>]*>/g, ""));
    for (const variant of [() => readable(raw, true), () => readable(raw, false), () => raw, htmlTags]) {
      missing = wordsInOrder(cueWords, words(variant()));
      if (missing === null) break;
    }
    if (missing !== null) problems.push(`${tag}: word '${missing}' not found in order in its source slice`);
  });
  return problems;
}

/**
 * Throw when {@link checkCueSpans} finds a problem (for use in tests).
 *
 * @example
 * assertCueSpans(ctx.source.text, readWebvtt(ctx).cues);
 */
export function assertCueSpans(source: string, cues: readonly Cue[], opts: { ordered?: boolean } = {}): void {
  const problems = checkCueSpans(source, cues, opts);
  if (problems.length > 0) throw new Error(`cue spans:\n  ${problems.join("\n  ")}`);
}
