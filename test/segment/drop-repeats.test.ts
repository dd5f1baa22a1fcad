import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { dropRepeats, dropRepeatsInPlace } from "../../src/segment/split-sentences.js";
import { seededRandom } from "../helpers/seeded-random.js";

describe("dropRepeatsInPlace (the no-string-per-word path of dropRepeats)", () => {
  // Sentences of the samples and a second caption page, as they are and with stutters, broken-off
  // words, repeated phrases, punctuation, digits, apostrophes and odd spacing put in by a seeded
  // generator; and soups of a few short words, where repeats of every length come up all the time.
  const lines = ["transcripts/002_1142964fd8d0627e.txt", "transcripts/000_3a126643cd20d101.txt", "test/fixtures/caption-pages/crossroads-weekend-0412.txt"]
    .flatMap((f) => readFileSync(f, "utf8").split(/\n|(?<=[.?!])\s+/))
    .map((l) => l.replace(/^- /, "").trim())
    .filter((l) => l.length > 0);
  const rnd = seededRandom(5);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
  const punct = [",", ".", "?", "!", ",,", "...", "?!", ", ", " ,", " .", ";", "-", "—", "'"];
  const spaces = [" ", " ", " ", " ", "  ", "\t", "\n", " \r\n "];
  const mutate = (l: string) =>
    l
      .split(" ")
      .flatMap((w) => {
        const r = rnd();
        if (r < 0.06) return [w, w];
        if (r < 0.09) return [`${w},`, `${w},`, w];
        if (r < 0.12 && w.length > 4) return [w.slice(0, 2 + Math.floor(rnd() * 3)), w];
        if (r < 0.14) return [w.toUpperCase(), w];
        if (r < 0.16) return [`${w}${pick(punct)}`];
        if (r < 0.18) return [w.replace(/'/g, "’")];
        if (r < 0.19) return [w, ""];
        return [w];
      })
      .map((w) => w + pick(spaces))
      .join("")
      .replace(/^/, rnd() < 0.1 ? pick(spaces) : "");
  const vocabulary = ["the", "The", "the,", "to", "to the", "re", "reshape", "reshaping", "I", "I,", "9", "9,", "99", "42.", "it's", "it’s", "IT'S", "we", "were", "hosp", "hostility", ",", ".", "?", "!", "and", "and,", "a", "'", "’", "ab", "abc", "abcd", "abcde", "a1", "x.", "X?"];
  const soup = () => {
    const n = Math.floor(rnd() * 14);
    let t = rnd() < 0.1 ? " " : "";
    for (let i = 0; i < n; i++) t += pick(vocabulary) + (rnd() < 0.2 ? pick(punct) : "") + (i + 1 < n ? pick(spaces) : "");
    return t + (rnd() < 0.1 ? pick(spaces) : "");
  };
  const inputs = [...lines, ...lines.map(mutate), ...lines.map(mutate), ...lines.map(mutate), ...Array.from({ length: 30000 }, soup), "", " ", "the the", "the, the, the.", "a b c a b c", "9 9 9", "re reshaping"];

  test("gives what dropRepeats gives, for every sentence it takes (ASCII and ’)", () => {
    let taken = 0;
    let changed = 0;
    const wrong: string[] = [];
    for (const s of inputs) {
      const got = dropRepeatsInPlace(s);
      if (got === null) {
        expect(/[^\x00-\x7f’]/.test(s), s).toBe(true);
        continue;
      }
      taken++;
      const want = dropRepeats(s);
      if (want !== s) changed++;
      if (got !== want) wrong.push(`${JSON.stringify(s)} → ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // It must be tried on many inputs that change, or the comparison proves little.
    expect(taken).toBeGreaterThan(inputs.length * 0.8);
    expect(changed).toBeGreaterThan(taken * 0.3);
  });

  test("leaves sentences with other non-ASCII characters to dropRepeats", () => {
    expect(dropRepeatsInPlace("Café, café au lait.")).toBeNull();
    expect(dropRepeatsInPlace("the\u00a0the")).toBeNull();
    expect(dropRepeatsInPlace("it’s, it’s fine.")).toBe(dropRepeats("it’s, it’s fine."));
  });

  test("two different words with the same hash are not a repeat", () => {
    // "yaczfa" and "glbppa" have the same 32-bit FNV-1a hash (the hash the words are compared by first).
    expect(dropRepeatsInPlace("yaczfa glbppa, yaczfa.")).toBe("yaczfa glbppa, yaczfa.");
    expect(dropRepeatsInPlace("yaczfa glbppa, yaczfa.")).toBe(dropRepeats("yaczfa glbppa, yaczfa."));
  });
});
