/**
 * Literal words that the segment stage's patterns cannot match without (each pattern is
 * case-sensitive in these words), in groups; {@link cueMask} tells which groups a text holds in one
 * scan, where one regex per group scanned every turn again.
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
} as const;

/** Bits of {@link cueMask}, one per group of {@link CUE_WORDS}. */
export const SELF = 1;
export const GUEST = 2;
export const CALLER = 4;
export const LINE = 8;
export const LISTENER = 16;
const GROUPS: readonly [number, readonly string[]][] = [
  [SELF, CUE_WORDS.self],
  [GUEST, CUE_WORDS.guest],
  [CALLER, CUE_WORDS.caller],
  [LINE, CUE_WORDS.line],
  [LISTENER, CUE_WORDS.listener],
];

/**
 * The regex that tells whether a text holds one of `words`, as the patterns' pre-checks were
 * written (`/I'm|I am|my name is/`): {@link cueMask} answers the same for every group.
 */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}

/**
 * An Aho–Corasick automaton over ASCII code units for every word of {@link CUE_WORDS}: `next[s + c]`
 * is the state after code unit `c` in state `s` (states are multiples of 128), `found[s >> 7]` the
 * groups whose words end there. The words are ASCII, so a non-ASCII code unit goes back to state 0.
 */
const { next, found } = (() => {
  const edges: Int32Array[] = [new Int32Array(128).fill(-1)];
  const out: number[] = [0];
  for (const [bit, words] of GROUPS)
    for (const w of words) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
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
  for (let i = 0; i < delta.length; i++) delta[i] *= 128;
  return { next: delta, found: Int32Array.from(out) };
})();

/**
 * Which groups of {@link CUE_WORDS} occur in `text` (as substrings, case-sensitive), as bits
 * {@link SELF} | {@link GUEST} | … : bit set exactly where `wordsPattern(group).test(text)`.
 *
 * @example
 * cueMask("We're joined by Bo Li. I'm Ana.") === (SELF | GUEST); // true
 */
export function cueMask(text: string): number {
  let s = 0;
  let mask = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      s = 0;
      continue;
    }
    s = next[s + c];
    mask |= found[s >> 7];
  }
  return mask;
}
