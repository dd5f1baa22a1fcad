import { describe, expect, test } from "vitest";
import { parseCueTiming, readWebvtt } from "../../src/read/webvtt.js";
import { run, type CueRow } from "./read-helpers.js";

const V = (body: string) => `WEBVTT\n\n${body}`;

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "mm:ss.ttt timing", input: V("00:01.500 --> 00:02.000\nHi"), expected: [["Hi", null, 1.5, 2, false]] },
  { name: "hh:mm:ss.ttt timing with settings", input: V("01:00:00.000 --> 01:00:01.000 align:start line:0\nHi"), expected: [["Hi", null, 3600, 3601, false]] },
  { name: "cue id skipped", input: V("intro-1\n00:00.000 --> 00:01.000\nHi"), expected: [["Hi", null, 0, 1, false]] },
  { name: "voice with class, unclosed", input: V("00:00.000 --> 00:01.000\n<v.loud.x Mina Kim>Hi there"), expected: [["Hi there", "Mina Kim", 0, 1, false]] },
  { name: "two voices in one cue", input: V("00:00.000 --> 00:01.000\n<v A>One</v> <v B>Two</v>"), expected: [["One", "A", 0, 1, false], ["Two", "B", 0, 1, false]] },
  { name: "voice and dialogue dash", input: V("00:00.000 --> 00:01.000\n<v A>- One\n<v B>- Two"), expected: [["One", "A", 0, 1, true], ["Two", "B", 0, 1, true]] },
  { name: "class, italic, bold, underline, lang tags removed", input: V("00:00.000 --> 00:01.000\n<c.yellow>a</c> <i>b</i> <b>c</b> <u>d</u> <lang en>e</lang>"), expected: [["a b c d e", null, 0, 1, false]] },
  { name: "timestamp tags removed", input: V("00:00.000 --> 00:02.000\none<00:00:01.000> two"), expected: [["one two", null, 0, 2, false]] },
  { name: "ruby annotation dropped", input: V("00:00.000 --> 00:01.000\n<ruby>東<rt>とう</rt></ruby>"), expected: [["東", null, 0, 1, false]] },
  { name: "ruby annotation across a line break dropped", input: V("00:00.000 --> 00:01.000\n<ruby>東<rt>\nとう</rt></ruby>京 again"), expected: [["東京 again", null, 0, 1, false]] },
  { name: "entities", input: V("00:00.000 --> 00:01.000\n&lt;a&gt; &amp; b&nbsp;c&lrm;&rlm; &#233;&#x41;"), expected: [["<a> & b c éA", null, 0, 1, false]] },
  { name: "NOTE, STYLE and REGION blocks skipped", input: V("NOTE hi\nthere\n\nSTYLE\n::cue {}\n\nREGION\nid:r\n\n00:00.000 --> 00:01.000\nHi"), expected: [["Hi", null, 0, 1, false]] },
  { name: "multi-line cue joined", input: V("00:00.000 --> 00:01.000\nline one\nline two"), expected: [["line one line two", null, 0, 1, false]] },
  { name: "speaker prefix and >> inside cue", input: V("00:00.000 --> 00:01.000\n>> HOST: Hi\n>> Hello"), expected: [["Hi", "HOST", 0, 1, true], ["Hello", null, 0, 1, true]] },
  { name: "missing blank line before the next cue", input: V("00:00.000 --> 00:01.000\nOne\n00:01.000 --> 00:02.000\nTwo"), expected: [["One", null, 0, 1, false], ["Two", null, 1, 2, false]] },
  {
    name: "rolling captions emit each new piece once",
    input: V("00:00.000 --> 00:01.000\nwe are\n\n00:01.000 --> 00:02.000\nwe are\nlive now\n\n00:02.000 --> 00:03.000\nlive now\nfrom here\n\n00:03.000 --> 00:04.000\nfrom here today"),
    expected: [["we are", null, 0, 1, false], ["live now", null, 1, 2, false], ["from here", null, 2, 3, false], ["today", null, 3, 4, false]],
  },
  { name: "repeated short lines are kept when captions do not roll", input: V("00:00.000 --> 00:01.000\nYes.\n\n00:01.000 --> 00:02.000\nYes.\n\n00:02.000 --> 00:03.000\nNo."), expected: [["Yes.", null, 0, 1, false], ["Yes.", null, 1, 2, false], ["No.", null, 2, 3, false]] },
];

describe("readWebvtt", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readWebvtt, input).rows).toEqual(expected);
  });

  test("header and NOTE metadata", () => {
    const { result } = run(readWebvtt, "WEBVTT\nKind: captions\nLanguage: en\nTitle: Ep 9\n\nNOTE Show: Forum\n\nNOTE\nDate: 2025-01-02\nSpeakers: A B, C D\n\n00:00.000 --> 00:01.000\nHi");
    expect(result.meta).toEqual({ names: ["A B", "C D"], title: "Ep 9", show: "Forum", airDate: "2025-01-02", extra: { kind: "captions", language: "en" } });
  });

  test("broken timing: cue skipped, warning with its line", () => {
    const { rows, warnings } = run(readWebvtt, V("00:00.000 --> 00:0x.000\nLost\n\n00:01.000 --> 00:02.000\nKept"));
    expect(rows).toEqual([["Kept", null, 1, 2, false]]);
    expect(warnings).toEqual(["line 3: broken cue timing '00:00.000 --> 00:0x.000'; cue skipped"]);
  });

  test("no header: read anyway, with a warning", () => {
    const { rows, warnings } = run(readWebvtt, "00:00.000 --> 00:01.000\nHi");
    expect(rows).toEqual([["Hi", null, 0, 1, false]]);
    expect(warnings).toEqual(["line 1: no WEBVTT header; reading the cues anyway"]);
  });

  test.each([
    ["00:00:01.000 --> 00:00:02.500", { start: 1, end: 2.5 }],
    ["00:01,000 --> 00:02,000 align:start", { start: 1, end: 2 }],
    ["00:00:61.000 --> 00:01:00.000", null],
    ["00:00:01.000 -> 00:00:02.000", null],
  ])("parseCueTiming(%s)", (line, expected) => {
    expect(parseCueTiming(line)).toEqual(expected);
  });
});
