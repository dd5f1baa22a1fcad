import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { CALLER, cueMask, GROUPS, GUEST, LINE, LISTENER, scanTurn, SELF, STATION, wordsPattern } from "../../src/segment/cue-words.js";
import { STATION as STATION_PATTERN } from "../../src/segment/infer-speakers.js";
import { isSpace } from "../../src/clean/char-class.js";
import { seededRandom } from "../helpers/seeded-random.js";

/** Each group with the pattern it is a pre-check for (the regexes the modules wrote before, and STATION). */
const PATTERNS: [number, RegExp][] = [
  [SELF, /I'm|I am|my name is/],
  [GUEST, /oined by|oined now by|alking with|alking to|peaking with|y guest is|ur guest is|we've got|with us is|with us now is/],
  [CALLER, /ring in|go to|going to|hear from/],
  [LINE, /on the line|on the phone|calling in/],
  [LISTENER, /rites|ights|rote|mails|mailed|weets|weeted|osts|osted|omments|essages|says|said|asks|asked/],
  [STATION, STATION_PATTERN],
];

/** What cueMask promises: a group's bit where one of its words occurs in the folded text. */
function folded(t: string): number {
  let f = "";
  for (const ch of t.split("")) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) f += ch.toLowerCase();
    else if (c >= 48 && c <= 57) f += "0";
    else if (isSpace(c)) f += " ";
    else if (c >= 128) f += "\u0000";
    else f += ch;
  }
  return GROUPS.reduce((m, [bit, words]) => (words.some((w) => f.includes(w.toLowerCase())) ? m | bit : m), 0);
}

/** Bits the patterns need: every bit set here must be set in the mask. */
const needed = (t: string) => PATTERNS.reduce((m, [bit, re]) => (re.test(t) ? m | bit : m), 0);

/** The word count inferSpeakers has always used. */
const wordCount = (t: string) => t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function expectMasks(texts: readonly string[]) {
  const got = texts.map(cueMask);
  expect(texts.filter((t) => scanTurn(t).words !== wordCount(t))).toEqual([]);
  expect(texts.filter((t, i) => scanTurn(t).mask !== got[i])).toEqual([]);
  expect(texts.filter((t, i) => got[i] !== folded(t))).toEqual([]);
  expect(texts.filter((t, i) => (needed(t) & ~got[i]) !== 0)).toEqual([]);
  return got;
}

describe("cueMask (one scan for the literal pre-checks of the segment patterns)", () => {
  test("the case-sensitive word lists are the regexes the modules used", () => {
    expect(GROUPS.slice(0, 5).map(([, w]) => wordsPattern(w).source)).toEqual(PATTERNS.slice(0, 5).map(([, re]) => re.source));
  });

  // Lines of the samples and a second caption page, alone and in runs (turn-sized texts).
  const lines = ["transcripts/002_1142964fd8d0627e.txt", "transcripts/000_3a126643cd20d101.txt", "test/fixtures/caption-pages/crossroads-weekend-0412.txt"]
    .flatMap((f) => readFileSync(f, "utf8").split("\n"))
    .filter((l) => l.length > 0);
  const rnd = seededRandom(11);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];

  test("is set wherever a pattern can match, and only where a group's words occur (folded), on real text", () => {
    const texts = [...lines, ...lines.map((_, i) => lines.slice(i, i + 1 + Math.floor(rnd() * 12)).join(pick([" ", "\n", " \u00a0"])))];
    const got = expectMasks(texts);
    // Every group is both found and missed somewhere, or the comparison would prove little.
    for (const [bit] of GROUPS) {
      expect(got.some((m) => (m & bit) !== 0)).toBe(true);
      expect(got.some((m) => (m & bit) === 0)).toBe(true);
    }
  });

  test("the same on texts made of pieces of the words (overlaps, near misses, case, digits, other whitespace, non-ASCII)", () => {
    const all: string[] = GROUPS.flatMap(([, w]) => w);
    const pieces = [...all, ...all.map((w) => w.slice(0, 1 + Math.floor(rnd() * (w.length - 1)))), ...all.map((w) => w.slice(Math.floor(rnd() * w.length))), " ", "  ", "\t", "\n", "\u00a0", "\u2003", "'", "’", "é", "I", "i", "😀", "\u0130", "go", "in", "ring", "with us ", "now is", "M", "ails", "5", "5 5", "1 2 3 4 5 6 7", "555 1212", "EMAIL", "e-mail", "That’s", "𝒜", "—", "①", "٣", "\u0301", "\ud835", "\udc9c", "--", " - ", "ß", "Ж"];
    const texts: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let t = "";
      const n = 1 + Math.floor(rnd() * 8);
      for (let j = 0; j < n; j++) {
        let p = pick(pieces);
        const r = rnd();
        if (r < 0.1) p = p.toUpperCase();
        else if (r < 0.15) p = p.replace(/[a-z]/, "é");
        else if (r < 0.2) p = p.replace(/ /, pick(["\t", "\u00a0", "\r\n", "\u200a"]));
        t += p;
      }
      texts.push(t);
    }
    const got = expectMasks(texts);
    expect(new Set(got).size).toBeGreaterThan(32);
    expect(texts.filter((t) => STATION_PATTERN.test(t)).length).toBeGreaterThan(500);
  });
});
