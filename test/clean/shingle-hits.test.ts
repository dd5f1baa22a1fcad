import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { shingleHits, shinglesOf, wordsOf } from "../../src/clean/find-teaser.js";
import { seededRandom } from "../helpers/seeded-random.js";

/**
 * The reference: what teaser attribution did before `shingleHits` (string shingles of every text,
 * and for each needle shingle the other texts holding it, ascending, each once).
 */
function reference(texts: readonly string[], needle: readonly boolean[]) {
  const shingles = texts.map((t) => shinglesOf(wordsOf(t)));
  const wanted = new Set<string>();
  texts.forEach((_, i) => {
    if (needle[i]) for (const s of shingles[i]) wanted.add(s);
  });
  const index = new Map<string, number[]>();
  texts.forEach((_, i) => {
    if (needle[i]) return;
    for (const s of shingles[i]) {
      if (!wanted.has(s)) continue;
      const list = index.get(s);
      if (list) {
        if (list[list.length - 1] !== i) list.push(i);
      } else index.set(s, [i]);
    }
  });
  return { shingles, index };
}

/**
 * `shingleHits` must give, for every needle and every shingle of it in order, the same list of
 * other texts as the reference, and its keys must be equal exactly where the reference's strings
 * are equal.
 */
function expectSameAsReference(texts: readonly string[], needle: readonly boolean[]) {
  const ref = reference(texts, needle);
  const got = shingleHits(texts, needle);
  const keyOf = new Map<string, number | string>();
  const stringOf = new Map<number | string, string>();
  const clashes: string[] = [];
  const mine: (number[][] | undefined)[] = [];
  const theirs: (number[][] | undefined)[] = [];
  texts.forEach((_, i) => {
    const keys = got.shingles[i];
    mine.push(keys?.map((k) => got.where.get(k)!));
    theirs.push(needle[i] ? ref.shingles[i].map((s) => ref.index.get(s) ?? []) : undefined);
    if (!keys || keys.length !== ref.shingles[i].length) return;
    ref.shingles[i].forEach((s, k) => {
      if ((keyOf.get(s) ?? keys[k]) !== keys[k] || (stringOf.get(keys[k]) ?? s) !== s) clashes.push(s);
      keyOf.set(s, keys[k]);
      stringOf.set(keys[k], s);
    });
  });
  expect(mine, JSON.stringify(texts).slice(0, 2000)).toEqual(theirs);
  expect(clashes).toEqual([]);
}

describe("shingleHits (teaser attribution's scan) against string shingles of every text", () => {
  // Turn-like texts: the samples' and a second caption page's lines, whole and in runs of lines.
  const lines = ["transcripts/002_1142964fd8d0627e.txt", "transcripts/000_3a126643cd20d101.txt", "test/fixtures/caption-pages/crossroads-weekend-0412.txt"]
    .flatMap((f) => readFileSync(f, "utf8").split("\n"))
    .map((l) => l.replace(/^- /, "").trim())
    .filter((l) => l.length > 0);
  const rnd = seededRandom(7);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const odd = ["é", "İ", "ß", "Ж", "😀", "’", "“", "—", "\u00a0", "ﬁ", "ω", "Ⅻ", "--", "...", "'", "  ", "\t", "0"];
  /** The same words as captions might give them: other case, curly apostrophes, punctuation, non-ASCII. */
  const mutate = (l: string) =>
    l
      .split(" ")
      .map((w) => {
        const r = rnd();
        if (r < 0.06) return w.toUpperCase();
        if (r < 0.1) return w.replace(/'/g, "’");
        if (r < 0.14) return `${w},`;
        if (r < 0.17) return w.replace(/[aeiou]/, pick(odd));
        if (r < 0.2) return `${w}${pick(odd)}`;
        if (r < 0.22) return `${pick(odd)} ${w}`;
        return w;
      })
      .join(" ");
  /** An episode: programme turns of one to eight lines, and needles that repeat passages of them. */
  const episode = (asciiOnly: boolean) => {
    const turns: string[] = [];
    const count = 5 + Math.floor(rnd() * 40);
    for (let i = 0; i < count; i++) {
      const at = Math.floor(rnd() * lines.length);
      const text = lines.slice(at, at + 1 + Math.floor(rnd() * 8)).join(" ");
      turns.push(asciiOnly ? text.replace(/[^\x00-\x7f]/g, " ") : rnd() < 0.5 ? mutate(text) : text);
    }
    const needles = 1 + Math.floor(rnd() * 4);
    const texts = [...turns];
    const needle = texts.map(() => false);
    for (let k = 0; k < needles; k++) {
      const from = pick(turns).split(" ");
      const a = Math.floor(rnd() * from.length);
      let passage = from.slice(a, a + 3 + Math.floor(rnd() * 60)).join(" ");
      if (!asciiOnly && rnd() < 0.5) passage = mutate(passage);
      const where = Math.floor(rnd() * (k === 0 ? 2 : texts.length + 1));
      texts.splice(where, 0, passage);
      needle.splice(where, 0, true);
    }
    return { texts, needle };
  };

  test("ASCII episodes", () => {
    for (let e = 0; e < 150; e++) {
      const { texts, needle } = episode(true);
      expectSameAsReference(texts, needle);
    }
  });

  test("episodes with case, apostrophes, punctuation and non-ASCII words changed", () => {
    for (let e = 0; e < 150; e++) {
      const { texts, needle } = episode(false);
      expectSameAsReference(texts, needle);
    }
  });

  test("edge cases: empty and short texts, repeated phrases, a phrase across two texts, no needle", () => {
    expectSameAsReference(["", "a b", "a b c", "a b c a b c a b c", "x a b", "c d"], [false, false, true, false, false, false]);
    expectSameAsReference(["one two three four", "ONE two three", "one, two — three!", "one two", "three four"], [true, false, false, false, false]);
    expectSameAsReference(["a b c", "d e f"], [false, false]);
    expectSameAsReference(["a b c", "a b c", "a b c"], [true, true, false]);
    expectSameAsReference(["it’s a test", "It's a TEST", "its a test"], [true, false, false]);
    // "yaczfa" and "glbppa" have the same 32-bit FNV-1a hash (the word hash the scan marks by).
    expectSameAsReference(["yaczfa b c", "glbppa b c", "a yaczfa b c", "GLBPPA b c yaczfa b c"], [true, false, false, false]);
    expectSameAsReference(["İstanbul is big", "i̇stanbul is big", "istanbul is big", "Straße is long", "strasse is long"], [true, false, false, true, false]);
  });

  test("a vocabulary too large for numeric keys falls back to strings, with the same answer", () => {
    const big = Array.from({ length: (1 << 17) + 10 }, (_, i) => `w${i.toString(36)}`).join(" ");
    expectSameAsReference([big, "w0 w1 w2 w3", "wa wb wc", "x y z"], [true, false, false, false]);
  });
});
