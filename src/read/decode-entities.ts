import type { MappedText } from "../core/mapped-text.js";
import { replaceMapped } from "./line-tools.js";

/** Named entities that turn up in caption files and transcript pages. */
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lrm: "",
  rlm: "",
  zwj: "",
  zwnj: "",
  shy: "",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  ccedil: "ç",
  uuml: "ü",
  ouml: "ö",
  auml: "ä",
  szlig: "ß",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  cent: "¢",
  pound: "£",
  euro: "€",
  yen: "¥",
  middot: "·",
  bull: "•",
  times: "×",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
};

/** `&name;`, `&#123;`, `&#x1F600;` (the semicolon may be missing for the common short names). */
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,7}));|&(amp|lt|gt|nbsp|quot)(?![a-zA-Z0-9;])/g;

function decodeOne(m: RegExpExecArray): string {
  if (m[1] !== undefined || m[2] !== undefined) {
    const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2], 16);
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\uFFFD";
    // Direction marks and zero-width characters carry nothing a reader of the words needs.
    if (cp === 0x200e || cp === 0x200f || cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0xad) return "";
    if (cp === 0xa0) return " ";
    return String.fromCodePoint(cp);
  }
  const name = m[3] ?? m[4];
  const v = NAMED[name] ?? NAMED[name.toLowerCase()];
  return v === undefined ? m[0] : v;
}

/**
 * Decode HTML/WebVTT character references in a string. `&nbsp;` becomes a plain space; `&lrm;`,
 * `&rlm;` and other invisible marks are dropped; unknown names are left as written.
 *
 * @example
 * decodeEntityString("Tom &amp; Jerry&#8217;s"); // "Tom & Jerry’s"
 */
export function decodeEntityString(s: string): string {
  if (s.indexOf("&") < 0) return s;
  ENTITY.lastIndex = 0;
  return s.replace(ENTITY, (...args) => decodeOne(args as unknown as RegExpExecArray));
}

/**
 * Decode character references in mapped text. Each decoded character maps to the source offset
 * of the `&` that starts its entity; a dropped mark (`&lrm;`) leaves nothing behind. Untouched
 * text keeps its offsets. Run it after tags are removed, so `&lt;i&gt;` stays text.
 *
 * @example
 * const t = decodeEntities(MappedText.fromSource("a &amp; b", 0, 9));
 * t.text; // "a & b"
 * t.src[2]; // 2 (the "&" of "&amp;")
 */
export function decodeEntities(t: MappedText): MappedText {
  if (t.text.indexOf("&") < 0) return t;
  return replaceMapped(t, ENTITY, decodeOne);
}
