import { describe, expect, test } from "vitest";
import { readNameColon } from "../../src/read/name-colon.js";
import { run, type CueRow } from "./read-helpers.js";

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "all-caps full names", input: "ALEXIS MADRIGAL: Welcome.\nANA RUIZ: Thanks.", expected: [["Welcome.", "ALEXIS MADRIGAL", null, null, false], ["Thanks.", "ANA RUIZ", null, null, false]] },
  { name: "NPR name with role", input: "AUDIE CORNISH, HOST: Hi.", expected: [["Hi.", "AUDIE CORNISH, HOST", null, null, false]] },
  { name: "title-case names and particles", input: "Dr. Jane van Dyke: Yes.\nJohn Smith: No.", expected: [["Yes.", "Dr. Jane van Dyke", null, null, false], ["No.", "John Smith", null, null, false]] },
  { name: "diariser labels", input: "SPEAKER_01: One.\nSpeaker 2: Two.\nMAN #1: Three.", expected: [["One.", "SPEAKER_01", null, null, false], ["Two.", "Speaker 2", null, null, false], ["Three.", "MAN #1", null, null, false]] },
  { name: "continuation lines join the paragraph", input: "HOST: One\ntwo\n\nthree", expected: [["One two", "HOST", null, null, false], ["three", "HOST", null, null, false]] },
  { name: "bracketed timestamp first", input: "[00:01:02] HOST: Hi.", expected: [["Hi.", "HOST", 62, null, false]] },
  { name: "parenthesised mm:ss first", input: "(01:02) HOST: Hi.", expected: [["Hi.", "HOST", 62, null, false]] },
  { name: "Rev label with time, text below", input: "Speaker 1 (00:01):\n\nHello.", expected: [["Hello.", "Speaker 1", 1, null, false]] },
  { name: "bare timestamp then label", input: "00:01:02 Speaker: Hi.", expected: [["Hi.", "Speaker", 62, null, false]] },
  { name: "Otter label and time on their own line", input: "Jane Smith  0:03\nHello.", expected: [["Hello.", "Jane Smith", 3, null, false]] },
  { name: "timestamp-only line times the next paragraph", input: "HOST: a\n[00:00:10]\nb", expected: [["a", "HOST", null, null, false], ["b", "HOST", 10, null, false]] },
  { name: "named >> marker", input: ">> JAKE TAPPER: Evening.", expected: [["Evening.", "JAKE TAPPER", null, null, true]] },
  { name: "bare >> clears the speaker", input: "HOST: Hi.\n>> Hello.", expected: [["Hi.", "HOST", null, null, false], ["Hello.", null, null, null, true]] },
  { name: ">> inside a line splits it", input: ">> HOST: Thanks. >> Sure thing.", expected: [["Thanks.", "HOST", null, null, true], ["Sure thing.", null, null, null, true]] },
  { name: "clock times in text are not labels", input: "HOST: We met\nAt 10:30 sharp.", expected: [["We met At 10:30 sharp.", "HOST", null, null, false]] },
  { name: "prose with a colon is not a label", input: "HOST: x\nHere's the thing: no.", expected: [["x Here's the thing: no.", "HOST", null, null, false]] },
  { name: "entities decoded", input: "HOST: A &amp; B", expected: [["A & B", "HOST", null, null, false]] },
  { name: "text before the first label has no speaker", input: "Intro music\nHOST: Hi.", expected: [["Intro music", null, null, null, false], ["Hi.", "HOST", null, null, false]] },
];

describe("readNameColon", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readNameColon, input).rows).toEqual(expected);
  });

  test("episode facts above the first label go to meta, not cues", () => {
    const { result } = run(readNameColon, "Title: Ep 1\nShow: Forum\nAir date: 11/14/2025\nHosts: Mina Kim\n\nHOST: Hi.");
    expect(result.meta).toEqual({ names: ["Mina Kim"], title: "Ep 1", show: "Forum", airDate: "2025-11-14" });
    expect(result.cues).toHaveLength(1);
  });
});

describe("readNameColon: one-word labels", () => {
  const cases: { name: string; input: string; expected: CueRow[] }[] = [
    { name: "a one-word label used once is text", input: "HOST: Listen.\nRemember: it rained.\nGUEST: Yes.", expected: [["Listen. Remember: it rained.", "HOST", null, null, false], ["Yes.", "GUEST", null, null, false]] },
    { name: "a one-word label used twice is a speaker", input: "Jane: Hi.\nTom: Hello.\nJane: Bye.\nTom: Yes.", expected: [["Hi.", "Jane", null, null, false], ["Hello.", "Tom", null, null, false], ["Bye.", "Jane", null, null, false], ["Yes.", "Tom", null, null, false]] },
  ];
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readNameColon, input).rows).toEqual(expected);
  });
});
