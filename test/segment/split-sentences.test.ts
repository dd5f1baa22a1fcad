import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { MappedText } from "../../src/core/mapped-text.js";
import { dropRepeats, normalizeSentence, plainWithoutRepeats, splitSentences } from "../../src/segment/split-sentences.js";
import { seededRandom } from "../helpers/seeded-random.js";

describe("normalizeSentence", () => {
  test.each([
    ["So I just, I, I think the one thing is this.", "So I just, I think the one thing is this."],
    ["the, the, the sort of unbalanced nature.", "The sort of unbalanced nature."],
    ["To circle back though, to the, to the last comment.", "To circle back though, to the last comment."],
    ["We've seen, you know, a pretty hostile takeover.", "We've seen a pretty hostile takeover."],
    ["You know, Americans have to assert their rights.", "Americans have to assert their rights."],
    ["Turnout has been, um, much better.", "Turnout has been, much better."],
    ["re reshaping our state.", "Reshaping our state."],
    ["The number is 8 6 6 7 3 3.", "The number is 8 6 6 7 3 3."],
  ])("%j → %j", (input, out) => expect(normalizeSentence(input)).toBe(out));

  test("respells misheard names in the normalised layer only", () => {
    expect(normalizeSentence("Elany Kunaki, thank you.", new Map([["Elany Kunaki", "Eleni Kounalakis"]]))).toBe("Eleni Kounalakis, thank you.");
  });
});

describe("splitSentences", () => {
  test("splits across joined caption lines, not after Ms., keeping offsets", () => {
    const src = "I wanna go back to what Ms.\nJeffery said. Hmm.";
    const t = MappedText.join([MappedText.fromSource(src, 0, 27), MappedText.fromSource(src, 28, src.length)], " ");
    const s = splitSentences(t, []);
    expect(s.map((x) => x.text.text)).toEqual(["I wanna go back to what Ms. Jeffery said.", "Hmm."]);
    expect(s[0].text.sourceSpan()).toEqual({ start: 0, end: 41 });
  });

  test.each([
    ["Texas v. White in 1869 settled it. States cannot secede.", ["Texas v. White in 1869 settled it.", "States cannot secede."]],
    ["John F. Kennedy said so. Then he left.", ["John F. Kennedy said so.", "Then he left."]],
    ["New Jersey got back just $0.91. New York got $0.93.", ["New Jersey got back just $0.91.", "New York got $0.93."]],
    ["Gen. Mark Milley spoke. Sept. 11 changed it.", ["Gen. Mark Milley spoke.", "Sept. 11 changed it."]],
  ])("does not split after an abbreviation, an initial or a decimal point: %j", (input, expected) => {
    expect(splitSentences(MappedText.fromSource(input, 0, input.length), []).map((x) => x.text.text)).toEqual(expected);
  });
});

describe("plainWithoutRepeats (the no-allocation shortcut of normalizeSentence)", () => {
  // Real sentences from the samples and a second caption page, and the same with stutters,
  // broken-off words, doubled spaces and non-ASCII words put in by a seeded generator.
  const lines = ["transcripts/002_1142964fd8d0627e.txt", "transcripts/000_3a126643cd20d101.txt", "test/fixtures/caption-pages/crossroads-weekend-0412.txt"]
    .flatMap((f) => readFileSync(f, "utf8").split(/\n|(?<=[.?!])\s+/))
    .map((l) => l.replace(/^- /, "").trim())
    .filter((l) => l.length > 0);
  const rnd = seededRandom(42);
  const mutate = (l: string) =>
    l
      .split(" ")
      .flatMap((w) => {
        const r = rnd();
        if (r < 0.05) return [w, w];
        if (r < 0.08 && w.length > 4) return [w.slice(0, 2 + Math.floor(rnd() * 3)), w];
        if (r < 0.1) return [`${w},`, `${w},`, w];
        if (r < 0.12) return [w.replace(/[aeiou]/, "é")];
        if (r < 0.14) return [w, ""];
        return [w];
      })
      .join(" ");
  const inputs = [...lines, ...lines.map(mutate), ...lines.map(mutate)];

  test("whenever it says the sentence is plain, the full path gives the sentence back", () => {
    let plain = 0;
    for (const s of inputs)
      if (plainWithoutRepeats(s)) {
        plain++;
        expect(dropRepeats(s), s).toBe(s);
      }
    // It must also take the shortcut often, or it would not be worth having.
    expect(plain / inputs.length).toBeGreaterThan(0.3);
    expect(plain).toBeLessThan(inputs.length);
  });
});
