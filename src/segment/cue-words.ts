import { charClass, codePointAt, isSpace, LETTER, NUMBER } from "../clean/char-class.js";

/**
 * Literal words that the segment stage's patterns cannot match without, in groups; {@link cueMask}
 * tells in one scan which groups a text may hold, where one regex per group scanned every turn
 * again. A group's bit is a pre-check: set wherever the group's words occur (so wherever the
 * pattern can match), and also where they occur only with other case or spacing (the pattern
 * then runs and finds nothing, as it would have).
 */
export const CUE_WORDS = {
  /** Self-introductions: "I'm X", "I am X", "my name is X". */
  self: ["I'm", "I am", "my name is"],
  /** Guest introductions ("joined by", "talking with", …). */
  guest: ["oined by", "oined now by", "alking with", "alking to", "peaking with", "y guest is", "ur guest is", "we've got", "with us is", "with us now is"],
  /** Callers brought in ("bring in", "go to", …). */
  caller: ["ring in", "go to", "going to", "hear from"],
  /** Callers on the line. */
  line: ["on the line", "on the phone", "calling in"],
  /** Pieces of the verbs that introduce a listener comment ("writes", "emailed", "says", …). */
  listener: ["rites", "ights", "rote", "mails", "mailed", "weets", "weeted", "osts", "osted", "omments", "essages", "says", "said", "asks", "asked"],
  /**
   * Station breaks and call-ins (the case-insensitive phrases of infer-speakers' STATION, with
   * "email" for its three e-mail forms), and "0 0": a digit, a space, a digit, which a phone number
   * said digit by digit needs (digits count as 0 and any whitespace as a space, see {@link cueMask}).
   */
  station: ["give us a call", "we want to hear from you", "we wanna hear from you", "stay tuned", "welcome back", "when we get back", "after the break", "you can find us", "email", "thanks for listening", "that's our show", "that's all for", "0 0"],
} as const;

/** Bits of {@link cueMask}, one per group of {@link CUE_WORDS}. */
export const SELF = 1;
export const GUEST = 2;
export const CALLER = 4;
export const LINE = 8;
export const LISTENER = 16;
export const STATION = 32;
/** Each group's bit and its cue words. */
export const GROUPS: readonly [number, readonly string[]][] = [
  [SELF, CUE_WORDS.self],
  [GUEST, CUE_WORDS.guest],
  [CALLER, CUE_WORDS.caller],
  [LINE, CUE_WORDS.line],
  [LISTENER, CUE_WORDS.listener],
  [STATION, CUE_WORDS.station],
];

/**
 * The regex that tells whether a text holds one of `words`, as the patterns' pre-checks were
 * written (`/I'm|I am|my name is/`): {@link cueMask} answers the same for every group.
 */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}

/**
 * An Aho–Corasick automaton over ASCII code units for every word of {@link CUE_WORDS}, lower-cased:
 * `next[s + c]` is the state after code unit `c` in state `s` (states are multiples of 128),
 * `found[s >> 7]` the groups whose words end there. An upper-case letter moves as its lower case,
 * a digit as 0, and whitespace as a space (the table's columns are copied so, so the scan does not
 * fold). The words are ASCII: a non-ASCII code unit other than whitespace goes back to state 0.
 */
const { next, found } = (() => {
  const edges: Int32Array[] = [new Int32Array(128).fill(-1)];
  const out: number[] = [0];
  for (const [bit, words] of GROUPS)
    for (const w of words) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = fold(w.charCodeAt(i));
        if (c >= 128) throw new Error(`cue word not ASCII: ${w}`);
        if (edges[s][c] < 0) {
          edges[s][c] = edges.length;
          edges.push(new Int32Array(128).fill(-1));
          out.push(0);
        }
        s = edges[s][c];
      }
      out[s] |= bit;
    }
  const n = edges.length;
  const delta = new Int32Array(n * 128);
  const fail = new Int32Array(n);
  const queue: number[] = [];
  for (let c = 0; c < 128; c++) {
    const t = edges[0][c];
    delta[c] = t < 0 ? 0 : t;
    if (t > 0) queue.push(t);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    out[s] |= out[fail[s]];
    for (let c = 0; c < 128; c++) {
      const t = edges[s][c];
      if (t < 0) delta[s * 128 + c] = delta[fail[s] * 128 + c];
      else {
        fail[t] = delta[fail[s] * 128 + c];
        delta[s * 128 + c] = t;
        queue.push(t);
      }
    }
  }
  for (let s = 0; s < n; s++) for (let c = 0; c < 128; c++) if (fold(c) !== c) delta[s * 128 + c] = delta[s * 128 + fold(c)];
  for (let i = 0; i < delta.length; i++) delta[i] *= 128;
  return { next: delta, found: Int32Array.from(out) };
})();

/** The code unit an ASCII code unit moves the automaton as: lower case, 0 for a digit, a space for whitespace. */
function fold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c >= 9 && c <= 13) return 32;
  return c;
}

/**
 * Which groups of {@link CUE_WORDS} may occur in `text`, as bits {@link SELF} | {@link GUEST} | … :
 * a group's bit is set where one of its words occurs in the text with ASCII letters lower-cased,
 * digits read as 0 and whitespace (`\s`) as a space; so wherever `wordsPattern(group)` matches.
 *
 * @example
 * cueMask("We're joined by Bo Li. I'm Ana.") === (SELF | GUEST); // true
 */
export function cueMask(text: string): number {
  return scanTurn(text).mask;
}

/** Per ASCII code unit: 1 for whitespace, 2 for a letter or a digit, else 0. */
const KIND = new Uint8Array(128);
for (let c = 0; c < 128; c++) KIND[c] = c === 32 || (c >= 9 && c <= 13) ? 1 : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 2 : 0;

/**
 * A turn's {@link cueMask} and its number of words, in one scan: `words` counts the
 * whitespace-separated pieces that hold a letter or a digit, as
 * `text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length` would.
 *
 * @example
 * scanTurn("Hmm. I'm Ana -- hi."); // { mask: SELF, words: 4 }
 */
export function scanTurn(text: string): { mask: number; words: number } {
  let s = 0;
  let mask = 0;
  let words = 0;
  /** Whether the piece being read has been counted. */
  let counted = false;
  for (let i = 0, n = text.length; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) {
      const kind = KIND[c];
      if (kind === 1) counted = false;
      else if (kind === 2 && !counted) {
        words++;
        counted = true;
      }
    } else if (isSpace(c)) {
      counted = false;
      c = 32;
    } else {
      s = 0;
      if (!counted) {
        const cp = codePointAt(text, i);
        if ((charClass(cp) & (LETTER | NUMBER)) !== 0) {
          words++;
          counted = true;
        }
        if (cp > 0xffff) i++;
      }
      continue;
    }
    s = next[s + c];
    mask |= found[s >> 7];
  }
  return { mask, words };
}
