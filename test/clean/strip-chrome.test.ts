import { describe, expect, test } from "vitest";
import { parseDate, repeatedLines, scoreLine, stripChrome, findListedPeople } from "../../src/clean/strip-chrome.js";
import { MappedText } from "../../src/core/mapped-text.js";
import { looseKey } from "../../src/clean/char-class.js";
import { contextOf, readText } from "./helpers.js";
import { readWebvtt } from "../../src/read/webvtt.js";

const PAGE = [
  "Radio Hour",
  "Budget Fights and the Statehouse",
  "03/02/2024 | 45m",
  "Hosts: Ana Ruiz",
  "Support Local Radio",
  "Donate Today- Welcome to the show, I'm Ana Ruiz.",
  "We have a lot to cover this morning.",
  "- Thanks for having me, Ana.",
  "- Let's start with the budget.",
  "What is in it?",
  "- It spends more on schools than last year.",
  "",
  "Related Episodes",
  "",
  "Privacy Policy | Terms",
].join("\n");

describe("stripChrome", () => {
  test("keeps the programme, drops chrome above and below and the chrome glued to the first line", () => {
    const { ctx, read } = readText(PAGE);
    const { cues, meta } = stripChrome(read.cues, ctx, read.meta);
    expect(cues[0].text.text).toBe("Welcome to the show, I'm Ana Ruiz.");
    expect(cues[0].turnStart).toBe(true);
    expect(cues[cues.length - 1].text.text).toBe("It spends more on schools than last year.");
    expect(meta).toMatchObject({ show: "Radio Hour", title: "Budget Fights and the Statehouse", airDate: "2024-03-02", names: ["Ana Ruiz"] });
    const dropped = ctx.diagnostics.filter((d) => d.ruleId === "clean/strip-chrome");
    expect(dropped.map((d) => ctx.source.text.slice(d.span!.start, d.span!.end))).toContain("Donate Today");
    expect(dropped.every((d) => d.severity === "info")).toBe(true);
  });

  test("keeps a page without turn markers whole (an article, not a caption page)", () => {
    const { ctx, read } = readText("Title Here\nThe state spent more. It said so.\nAnother line of text here.");
    expect(stripChrome(read.cues, ctx).cues.length).toBe(3);
  });

  test("keeps timed captions whole: a cue broken mid-sentence or shaped like a title is speech (QA)", () => {
    const text = [
      "WEBVTT", "",
      "00:00:01.000 --> 00:00:03.000", ">> Federal spending hit a new high", "",
      "00:00:03.000 --> 00:00:05.000", "last year, the Treasury says.", "",
      "00:00:05.000 --> 00:00:07.000", "The deficit was 1.4 trillion dollars.", "",
      "00:00:07.000 --> 00:00:09.000", ">> Is that a record?", "",
      "00:00:09.000 --> 00:00:11.000", ">> No. 2020 was higher", "",
    ].join("\n");
    const ctx = contextOf(text);
    const read = readWebvtt(ctx);
    expect(read.cues).toHaveLength(5);
    const { cues, dropped } = stripChrome(read.cues, ctx, read.meta);
    expect(cues.map((c) => c.text.text)).toEqual(read.cues.map((c) => c.text.text));
    expect(dropped).toEqual([]);
  });

  test.each([
    ["11/14/2025 | 50m 24s", "2025-11-14"],
    ["Aired November 3, 2024", "2024-11-03"],
    ["2023-01-09", "2023-01-09"],
    ["no date", undefined],
  ])("parseDate(%j) = %j", (input, out) => expect(parseDate(input)).toBe(out));

  test("findListedPeople reads host and guest lists", () => {
    expect(findListedPeople("Guests: Bo Li and Cy Dee")).toEqual(["Bo Li", "Cy Dee"]);
    expect(findListedPeople("Presented by KQED")).toEqual([]);
  });
});

describe("repeatedLines", () => {
  test("agrees with counting looseKey strings, for ASCII and non-ASCII lines", () => {
    const texts = [
      "Hello, world!",
      "hello world",
      "  HELLO -- world ",
      "Café au lait",
      "café, au lait!",
      "Straße 12",
      "a",
      "b",
      "",
      "...",
      "It’s here",
      "it s here",
      "Providing Support for PBS.org",
    ];
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(looseKey(t), (counts.get(looseKey(t)) ?? 0) + 1);
    expect(repeatedLines(texts)).toEqual(texts.map((t) => counts.get(looseKey(t))! > 1));
  });
});

describe("scoreLine", () => {
  const cue = (text: string, turnStart = false) => ({ text: MappedText.fromSource(text, 0, text.length), startTime: null, endTime: null, turnStart });

  test("scores an ASCII line as its non-ASCII twin (the scan and the Unicode fallback agree)", () => {
    const lines = [
      "Providing Support For The Show",
      "- I mean, where my mind goes is the pandemic era packs, right?",
      "Visit WWW.EXAMPLE.ORG for more | Share",
      "ALL CAPS HEADLINE Here 03/02/2024 50m 24s",
      "  spaced\tout   words  ",
      "a1b2 c3d4e5 Fghij klmno, Pqrs.",
      "Learn More about sponsorship- We are glad you are here",
      "Tabs\tand -\tdashes | 12",
    ];
    // A trailing no-break space is whitespace like a trailing space, but sends the line down the Unicode path.
    for (const t of lines) for (const turn of [false, true]) expect(scoreLine(cue(t + "\u00a0"), turn)).toBe(scoreLine(cue(t + " "), turn));
    expect(repeatedLines(lines.map((t) => t + "\u00a0").concat(lines))).toEqual(lines.concat(lines).map(() => true));
  });
});
