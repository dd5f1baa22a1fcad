import { describe, expect, test } from "vitest";
import { saidInLowerCase, splitTurns } from "../../src/segment/split-turns.js";
import { readText } from "../clean/helpers.js";

const turnsOf = (text: string) => {
  const { read } = readText(text);
  return splitTurns({ cues: read.cues, teaser: [], meta: read.meta }).map((t) => t.segments.map((s) => s.text.text).join(" "));
};

describe("splitTurns", () => {
  test.each([
    {
      name: "one-word-early dash at the end of a line",
      input: "- Thank you so much for joining me.\n- Thanks for having - Me.\nYeah, thanks for calling in.",
      out: ["Thank you so much for joining me.", "Thanks for having Me.", "Yeah, thanks for calling in."],
    },
    {
      name: "one-word-early dash inside a line",
      input: "- It would be fair to say the framers even wanted it to - Be, let's bring in Pam.",
      out: ["It would be fair to say the framers even wanted it to Be,", "let's bring in Pam."],
    },
    {
      name: "a dash after punctuation is where the speaker changes",
      input: "- a whole lot more, - More.\n- And if we have to shoulder it.",
      out: ["a whole lot more,", "More.", "And if we have to shoulder it."],
    },
    {
      name: "a name after the dash is not moved",
      input: "- We talked about it - Pam, welcome.\n- Hi.",
      out: ["We talked about it", "Pam, welcome.", "Hi."],
    },
    {
      name: "missing dash after a question put by name",
      input: "- John, what do you think?\nYeah, I'm nodding because I wrote an essay about it.",
      out: ["John, what do you think?", "Yeah, I'm nodding because I wrote an essay about it."],
    },
    {
      name: "no split when the host goes on",
      input: "- John, is there a problem with that?\nThe other place my mind has gone is cannabis.",
      out: ["John, is there a problem with that? The other place my mind has gone is cannabis."],
    },
  ])("$name", ({ input, out }) => expect(turnsOf(input)).toEqual(out));
});

describe("saidInLowerCase", () => {
  /** The definition: the matches of the regex over the texts. */
  const spec = (texts: string[], word: string) => texts.some((t) => t.match(/\b\p{Ll}[\p{L}’']*/gu)?.includes(word) ?? false);
  const texts = [
    "Thanks for having me. me, too; thanks!",
    "don't Don't o'clock l’amour rock'n'roll",
    "café élan naïve Éric über-cool x_me 9me _me",
    "iPhone iphone MeMe meme",
    "𝒶me 𝐀me ǅme ß straße",
  ];
  const words = new Set(texts.flatMap((t) => t.toLowerCase().split(/[\s,.;!_-]+/)).concat(["me", "t", "amour", "lan", "ve", "phone", "one", "me,", "'clock", "clock", "n'roll", "roll", "e", "raße", "ber"]));
  test.each([...words].filter((w) => w.length > 0))("%j", (w) => expect(saidInLowerCase(texts, w)).toBe(spec(texts, w)));
});
