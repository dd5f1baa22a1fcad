import { describe, expect, test } from "vitest";
import { findTeaser, shingleKeys, shinglesOfAll } from "../../src/clean/find-teaser.js";
import { readText } from "./helpers.js";

const filler = (n: number) => Array.from({ length: n }, (_, i) => `- Line number ${i} talks about topic ${i * 7} in its own words.`);

describe("findTeaser", () => {
  test("finds a cold open that is aired again later with slightly different captions", () => {
    const lines = [
      "- We are in many ways moving faster than other countries towards an autocracy.",
      "We've seen a pretty hostile takeover of much of the media in the last eight months.",
      "- Welcome to the show, I'm the host.",
      ...filler(20),
      "- And we have a different tradition, we are in many ways moving faster than other, towards an autocracy.",
      "We've seen, you know, a pretty hostile takeover of much of the media in the last eight or nine months.",
      ...filler(5),
    ];
    const { ctx, read } = readText(lines.join("\n"));
    expect(findTeaser(read.cues, ctx)).toEqual([0, 1]);
    expect(ctx.diagnostics.some((d) => d.ruleId === "clean/find-teaser")).toBe(true);
  });

  test("finds nothing when the opening is not repeated", () => {
    const { read } = readText(["- Welcome to the show.", ...filler(30)].join("\n"));
    expect(findTeaser(read.cues)).toEqual([]);
  });
});

describe("shinglesOfAll", () => {
  /** The reference: Map-assigned word ids over wordsOf. */
  const reference = (texts: string[]) => {
    const ids = new Map<string, number>();
    return texts.map((t) => shingleKeys(t, ids));
  };

  test("gives the same keys as Map-assigned ids, for ASCII and non-ASCII text", () => {
    const texts = [
      "We've seen a pretty hostile takeover, of much of the media.",
      "WE'VE seen a PRETTY hostile takeover of much",
      "Café au lait — naïve façade; the İstanbul ﬁle and Straße",
      "It’s the same word as it's here, and ΣΊΣΥΦΟΣ too: we've seen a pretty",
      "one two",
      "",
      "seen a pretty hostile 42 takeover x",
    ];
    expect(shinglesOfAll(texts)).toEqual(reference(texts));
  });

  test("a non-ASCII character after some words keeps the words before it", () => {
    const texts = ["alpha beta gamma delta é epsilon zeta", "alpha beta gamma", "gamma delta é epsilon"];
    expect(shinglesOfAll(texts)).toEqual(reference(texts));
  });
});
