import { describe, expect, test } from "vitest";
import { readCaptionPage } from "../../src/read/caption-page.js";
import { run, type CueRow } from "./read-helpers.js";

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "one cue per non-blank line", input: "Forum\n\nHello there.\r\n", expected: [["Forum", null, null, null, false], ["Hello there.", null, null, null, false]] },
  { name: "dash marks a turn", input: "- Welcome back.", expected: [["Welcome back.", null, null, null, true]] },
  { name: ">> marks a turn", input: ">> Thanks.\n>>   Sure.", expected: [["Thanks.", null, null, null, true], ["Sure.", null, null, null, true]] },
  { name: "CR line ends", input: "a\rb", expected: [["a", null, null, null, false], ["b", null, null, null, false]] },
];

describe("readCaptionPage", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readCaptionPage, input).rows).toEqual(expected);
  });
});
