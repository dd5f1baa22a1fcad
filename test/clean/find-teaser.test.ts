import { describe, expect, test } from "vitest";
import { findTeaser } from "../../src/clean/find-teaser.js";
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
