import { describe, expect, test } from "vitest";
import { MappedText } from "../../src/core/mapped-text.js";
import { decodeEntities, decodeEntityString } from "../../src/read/decode-entities.js";
import { matchSpeakerLabel } from "../../src/read/speaker-label.js";
import { parseAirDate, parseTimestamp, stripTags } from "../../src/read/line-tools.js";
import { checkCueSpans } from "../helpers/assert-cue-spans.js";

describe("decodeEntities", () => {
  test.each([
    ["&amp; &lt; &gt; &quot; &apos;", "& < > \" '"],
    ["a&nbsp;b", "a b"],
    ["x&lrm;&rlm;y", "xy"],
    ["&#233; &#xE9; &#X1F600;", "é é 😀"],
    ["&hellip; &mdash; &rsquo;", "… — ’"],
    ["AT&T &unknown; & alone", "AT&T &unknown; & alone"],
    ["&amp without semicolon", "& without semicolon"],
  ])("%s", (input, expected) => {
    expect(decodeEntityString(input)).toBe(expected);
    expect(decodeEntities(MappedText.fromSource(input, 0, input.length)).text).toBe(expected);
  });

  test("decoded characters map to the start of their entity", () => {
    const t = decodeEntities(MappedText.fromSource("a &amp; &#x1F600;b", 0, 18));
    expect(t.text).toBe("a & 😀b");
    expect(Array.from(t.src)).toEqual([0, 1, 2, 7, 8, 8, 17]);
  });
});

describe("stripTags", () => {
  test.each([
    ["<i>Hi</i> <font color=\"red\">there</font>", "Hi there"],
    ["{\\an8}Top", "Top"],
    ["one<00:00:01.000> two", "one two"],
    ["<ruby>東<rt>とう</rt></ruby>", "東"],
    ["3 < 4 and 5 > 2", "3 < 4 and 5 > 2"],
  ])("%s", (input, expected) => {
    expect(stripTags(MappedText.fromSource(input, 0, input.length)).text).toBe(expected);
  });
});

describe("matchSpeakerLabel", () => {
  test.each([
    ["ALEXIS MADRIGAL: Hi", "ALEXIS MADRIGAL", null],
    ["JOHN SMITH (R-TX): Yes", "JOHN SMITH (R-TX)", null],
    ["Speaker 1 (00:01):", "Speaker 1", 1],
    ["[01:02:03] HOST: x", "HOST", 3723],
    ["00:01:02 Speaker: yo", "Speaker", 62],
    ["HOST: [00:00:05] x", "HOST", 5],
    [">> DANA BASH: Back.", "DANA BASH", null],
  ])("%s", (line, label, time) => {
    expect(matchSpeakerLabel(line)).toMatchObject({ label, time });
  });

  test.each(["At 10:30 we met", "Here's the thing: no", "Note: later", "http://x.org", "we said: yes", ""])("not a label: %s", (line) => {
    expect(matchSpeakerLabel(line)).toBeNull();
  });
});

describe("parse helpers", () => {
  test.each([
    ["00:00:01.5", 1.5],
    ["01:02:03,004", 3723.004],
    ["1:02", 62],
    ["00:61", null],
    ["abc", null],
  ])("parseTimestamp(%s)", (s, expected) => {
    expect(parseTimestamp(s)).toBe(expected);
  });

  test.each([
    ["2025-11-14", "2025-11-14"],
    ["Fri, 14 Nov 2025 10:00:00 GMT", "2025-11-14"],
    ["November 14, 2025", "2025-11-14"],
    ["11/14/2025", "2025-11-14"],
    ["soon", null],
  ])("parseAirDate(%s)", (s, expected) => {
    expect(parseAirDate(s)).toBe(expected);
  });
});

describe("checkCueSpans catches bad mappings", () => {
  const src = "HOST: Hello world.";
  const cue = (text: string, offsets: number[]) => ({ text: new MappedText(text, Int32Array.from(offsets)), startTime: null, endTime: null });
  test.each([
    ["inserted character", cue("Hello", [6, 7, 8, 9, -1]), "maps to -1"],
    ["out of bounds", cue("Hello", [6, 7, 8, 9, 99]), "outside the source"],
    ["backwards", cue("Hello", [6, 7, 9, 8, 10]), "before"],
    ["wrong character", cue("Hellx", [6, 7, 8, 9, 10]), "maps to"],
  ])("%s", (_name, c, problem) => {
    expect(checkCueSpans(src, [c]).join("\n")).toContain(problem);
  });
  test("a correct cue passes", () => {
    expect(checkCueSpans(src, [cue("Hello", [6, 7, 8, 9, 10])])).toEqual([]);
  });
});
