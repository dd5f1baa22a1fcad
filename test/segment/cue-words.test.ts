import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { CALLER, CUE_WORDS, cueMask, GUEST, LINE, LISTENER, SELF, wordsPattern } from "../../src/segment/cue-words.js";

/** Each group with the regex pre-check it stands for (as the patterns' modules wrote them before). */
const GROUPS: [number, RegExp][] = [
  [SELF, /I'm|I am|my name is/],
  [GUEST, /oined by|oined now by|alking with|alking to|peaking with|y guest is|ur guest is|we've got|with us is|with us now is/],
  [CALLER, /ring in|go to|going to|hear from/],
  [LINE, /on the line|on the phone|calling in/],
  [LISTENER, /rites|ights|rote|mails|mailed|weets|weeted|osts|osted|omments|essages|says|said|asks|asked/],
];
const reference = (t: string) => GROUPS.reduce((m, [bit, re]) => (re.test(t) ? m | bit : m), 0);

describe("cueMask (one scan for the literal pre-checks of the segment patterns)", () => {
  test("the word lists are the regexes the modules used", () => {
    expect([CUE_WORDS.self, CUE_WORDS.guest, CUE_WORDS.caller, CUE_WORDS.line, CUE_WORDS.listener].map((w) => wordsPattern(w).source)).toEqual(GROUPS.map(([, re]) => re.source));
  });

  // Lines of the samples and a second caption page, alone and in runs (turn-sized texts).
  const lines = ["transcripts/002_1142964fd8d0627e.txt", "transcripts/000_3a126643cd20d101.txt", "test/fixtures/caption-pages/crossroads-weekend-0412.txt"]
    .flatMap((f) => readFileSync(f, "utf8").split("\n"))
    .filter((l) => l.length > 0);
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];

  test("gives every group's regex answer on real text", () => {
    const texts = [...lines, ...lines.map((_, i) => lines.slice(i, i + 1 + Math.floor(rnd() * 12)).join(" "))];
    const got = texts.map(cueMask);
    expect(got).toEqual(texts.map(reference));
    // Every group is both found and missed somewhere, or the comparison would prove little.
    for (const [bit] of GROUPS) {
      expect(got.some((m) => (m & bit) !== 0)).toBe(true);
      expect(got.some((m) => (m & bit) === 0)).toBe(true);
    }
  });

  test("gives every group's regex answer on texts made of pieces of the words (overlaps, near misses, other case, non-ASCII)", () => {
    const all: string[] = Object.values(CUE_WORDS).flat();
    const pieces = [...all, ...all.map((w) => w.slice(0, 1 + Math.floor(rnd() * (w.length - 1)))), ...all.map((w) => w.slice(Math.floor(rnd() * w.length))), " ", "  ", "'", "’", "é", "I", "i", "😀", "\u0130", "go", "in", "ring", "with us ", "now is", "M", "ails"];
    const texts: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let t = "";
      const n = 1 + Math.floor(rnd() * 8);
      for (let j = 0; j < n; j++) {
        let p = pick(pieces);
        const r = rnd();
        if (r < 0.1) p = p.toUpperCase();
        else if (r < 0.15) p = p.replace(/[a-z]/, "é");
        t += p;
      }
      texts.push(t);
    }
    const got = texts.map(cueMask);
    const want = texts.map(reference);
    expect(got.filter((m, i) => m !== want[i]).length).toBe(0);
    expect(new Set(want).size).toBeGreaterThan(16);
  });
});
