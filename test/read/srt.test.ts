import { describe, expect, test } from "vitest";
import { readSrt } from "../../src/read/srt.js";
import { run, type CueRow } from "./read-helpers.js";

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "comma milliseconds", input: "1\n00:00:01,250 --> 00:00:02,000\nHi\n", expected: [["Hi", null, 1.25, 2, false]] },
  { name: "dot milliseconds", input: "1\n00:00:01.250 --> 00:00:02.000\nHi\n", expected: [["Hi", null, 1.25, 2, false]] },
  { name: "no trailing newline", input: "1\n00:00:01,000 --> 00:00:02,000\nEnd", expected: [["End", null, 1, 2, false]] },
  { name: "missing blank line between cues", input: "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo", expected: [["One", null, 1, 2, false], ["Two", null, 2, 3, false]] },
  { name: "extra blank lines and trailing spaces", input: "\n\n1  \n00:00:01,000 --> 00:00:02,000  \nOne  \n \n\n\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n\n\n", expected: [["One", null, 1, 2, false], ["Two", null, 2, 3, false]] },
  { name: "CRLF", input: "1\r\n00:00:01,000 --> 00:00:02,000\r\nOne\r\ntwo\r\n", expected: [["One two", null, 1, 2, false]] },
  { name: "italic and font tags removed", input: "1\n00:00:01,000 --> 00:00:02,000\n<i>Hi</i> <font color=\"#fff\">there</font>", expected: [["Hi there", null, 1, 2, false]] },
  { name: "ASS override removed", input: "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Top", expected: [["Top", null, 1, 2, false]] },
  { name: "NAME: prefix", input: "1\n00:00:01,000 --> 00:00:02,000\nMAYOR BREED: We hired\nmore officers.", expected: [["We hired more officers.", "MAYOR BREED", 1, 2, false]] },
  { name: "NAME: prefix inside italics", input: "1\n00:00:01,000 --> 00:00:02,000\n<i>NARRATOR:</i> Once.", expected: [["Once.", "NARRATOR", 1, 2, false]] },
  { name: "dialogue dashes", input: "1\n00:00:01,000 --> 00:00:02,000\n- Is it?\n-Yes.", expected: [["Is it?", null, 1, 2, true], ["Yes.", null, 1, 2, true]] },
  { name: ">> markers", input: "1\n00:00:01,000 --> 00:00:02,000\n>> Next.", expected: [["Next.", null, 1, 2, true]] },
  { name: "negative number is not a dash", input: "1\n00:00:01,000 --> 00:00:02,000\n-5 degrees", expected: [["-5 degrees", null, 1, 2, false]] },
];

describe("readSrt", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readSrt, input, "a.srt").rows).toEqual(expected);
  });

  test("broken timing: cue skipped, warning with its line", () => {
    const { rows, warnings } = run(readSrt, "1\n00:00:01,000 --> 00:00:0x,000\nLost\n\n2\n00:00:02,000 --> 00:00:03,000\nKept", "a.srt");
    expect(rows).toEqual([["Kept", null, 2, 3, false]]);
    expect(warnings).toEqual(["line 2: broken cue timing '00:00:01,000 --> 00:00:0x,000'; cue skipped"]);
  });
});

describe("readSrt: words before a colon", () => {
  test("a capitalised word before a colon is caption text, not a speaker", () => {
    expect(run(readSrt, "1\n00:00:01,000 --> 00:00:02,000\nRemember: vote.", "a.srt").rows).toEqual([["Remember: vote.", null, 1, 2, false]]);
  });
});
