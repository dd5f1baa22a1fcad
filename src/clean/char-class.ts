/**
 * Character classes by code point, for hand-written scanners that must agree exactly with the
 * Unicode regexes they replace (`\p{L}`, `\p{N}`, `\p{Lu}`, `\p{Ll}`, `\s`). ASCII is a table
 * look-up; other code points are classified once with the regex and remembered (BMP), so a scan
 * costs no regex call and no allocation per character.
 */

/** Bit: `\p{L}`. */
export const LETTER = 1;
/** Bit: `\p{N}`. */
export const NUMBER = 2;
/** Bit: `\p{Lu}`. */
export const UPPER = 4;
/** Bit: `\p{Ll}`. */
export const LOWER = 8;
const KNOWN = 16;

const RE_L = /^\p{L}$/u;
const RE_N = /^\p{N}$/u;
const RE_LU = /^\p{Lu}$/u;
const RE_LL = /^\p{Ll}$/u;
const BMP = new Uint8Array(0x10000);

function compute(cp: number): number {
  const ch = String.fromCodePoint(cp);
  return KNOWN | (RE_L.test(ch) ? LETTER : 0) | (RE_N.test(ch) ? NUMBER : 0) | (RE_LU.test(ch) ? UPPER : 0) | (RE_LL.test(ch) ? LOWER : 0);
}

for (let c = 0; c < 128; c++) BMP[c] = compute(c);

/**
 * The class bits ({@link LETTER}, {@link NUMBER}, {@link UPPER}, {@link LOWER}) of a code point.
 * A lone surrogate has none, as in a `u`-flag regex.
 *
 * @example
 * (charClass(0x41) & UPPER) !== 0; // true: "A" is \p{Lu}
 */
export function charClass(cp: number): number {
  if (cp < 0x10000) {
    let v = BMP[cp];
    if (v === 0) BMP[cp] = v = compute(cp);
    return v;
  }
  return compute(cp);
}

/**
 * Whether a UTF-16 code unit is JavaScript regex whitespace (`\s`: WhiteSpace and LineTerminator).
 *
 * @example
 * isSpace(0x20); // true
 * isSpace(0xa0); // true (no-break space)
 */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The code point at `i` of `s` (a surrogate pair read as one), like `String.prototype.codePointAt`.
 *
 * @example
 * codePointAt("a😀", 1); // 0x1f600
 */
export function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * Split text at runs of whitespace (`\s`), dropping empty pieces: `text.split(/\s+/).filter(Boolean)`
 * without the regex.
 *
 * @example
 * splitSpaces("  a  b\nc "); // ["a", "b", "c"]
 */
export function splitSpaces(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (start >= 0) {
        out.push(text.slice(start, i));
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/**
 * A text's loose key: lower-cased, every run of anything but letters and digits as one space,
 * trimmed — `t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()`, by a scan when the text is ASCII.
 *
 * @example
 * looseKey("  Hello, World!! "); // "hello world"
 */
export function looseKey(t: string): string {
  for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) >= 128) return t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  let out = "";
  let run = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (run < 0) {
        if (out.length > 0) out += " ";
        run = i;
      }
    } else if (run >= 0) {
      out += t.slice(run, i);
      run = -1;
    }
  }
  if (run >= 0) out += t.slice(run);
  return out.toLowerCase();
}
