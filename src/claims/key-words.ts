/**
 * Key-word pre-checks for word-list regexes. A pattern like `/\b(?:could|might|what if)\b/i` can
 * only match a text that has one of a few whole words; one scan over the text, with no allocation,
 * tells which of several such lists have a word in it, so each pattern runs only where it can
 * match.
 *
 * "Words" are what the patterns' `\b` sees without the `u` flag: runs of `\w` (ASCII letters,
 * digits, `_`), compared case-insensitively in ASCII, as the `i` flag does without `u`. For a
 * pattern with the `u` flag this is not a valid pre-check (`/\bsix\b/iu` also matches "ſix").
 *
 * @example
 * const s = new KeyWordScanner({ 1: ["could", "might"], 2: ["will"] }, { chars: { 63: 4 } });
 * s.scan("It MIGHT rain?"); // 5
 */
export class KeyWordScanner {
  /** Trie over the letters a–z: `next[node * 26 + letter]` is the child (0 = none). */
  private readonly next: Int32Array;
  /** Bits of the lists that end a word at each node. */
  private readonly bits: Int32Array;
  /** Bits of `opts.chars` by character code: ASCII in a table, the others in a map. */
  private readonly asciiChars = new Int32Array(128);
  private readonly otherChars = new Map<number, number>();

  /**
   * @param lists bit → words (letters only, any case); a word may be in several lists.
   * @param opts `digit`: bits to set when the text has an ASCII digit; `chars`: bits to set when
   *   the text has a character (not a letter, digit or "_"), by its code; `firstWord`: bits that
   *   count only for the text's first word (a pattern anchored at the start).
   */
  constructor(
    lists: Record<number, readonly string[]>,
    private readonly opts: { digit?: number; chars?: Record<number, number>; firstWord?: number } = {},
  ) {
    for (const [code, bit] of Object.entries(opts.chars ?? {})) {
      if (Number(code) < 128) this.asciiChars[Number(code)] |= bit;
      else this.otherChars.set(Number(code), (this.otherChars.get(Number(code)) ?? 0) | bit);
    }
    const next: number[] = new Array<number>(26).fill(0);
    const bits: number[] = [0];
    for (const [bit, words] of Object.entries(lists))
      for (const word of words) {
        const w = word.toLowerCase();
        if (!/^[a-z]+$/.test(w)) throw new Error(`KeyWordScanner: not a word of ASCII letters: ${word}`);
        let node = 0;
        for (let i = 0; i < w.length; i++) {
          const slot = node * 26 + w.charCodeAt(i) - 97;
          if (next[slot] === 0) {
            next[slot] = bits.length;
            bits.push(0);
            for (let k = 0; k < 26; k++) next.push(0);
          }
          node = next[slot];
        }
        bits[node] |= Number(bit);
      }
    this.next = Int32Array.from(next);
    this.bits = Int32Array.from(bits);
  }

  /** The bits of the lists with a word in `text`, plus the `digit` / `chars` bits when they apply. */
  scan(text: string): number {
    const { next, bits, asciiChars, otherChars } = this;
    const digit = this.opts.digit ?? 0;
    const others = otherChars.size > 0;
    const firstOnly = this.opts.firstWord ?? 0;
    let found = 0;
    let later = ~0; // after the first word: mask that drops the first-word bits
    let node = -1; // -1: between words; 0 and up: a trie node; -2: in a word that is no key word
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        if (node === -1) node = 0;
        if (node >= 0) node = next[node * 26 + (c | 0x20) - 97] || -2;
      } else if ((c >= 48 && c <= 57) || c === 95) {
        node = -2; // a digit or "_" makes the word no key word
        if (c !== 95) found |= digit;
      } else {
        if (node !== -1) {
          if (node > 0) found |= bits[node] & later;
          later = ~firstOnly;
        }
        if (c < 128) found |= asciiChars[c];
        else if (others) found |= otherChars.get(c) ?? 0;
        node = -1;
      }
    }
    if (node > 0) found |= bits[node] & later;
    return found;
  }
}
