import { describe, expect, test } from "vitest";
import { sourceFromText } from "../../src/core/source.js";
import type { FormatId } from "../../src/core/types.js";
import { detectFormat, readTranscript } from "../../src/read/index.js";

const cases: { name: string; input: string; path: string; expected: FormatId }[] = [
  { name: "WEBVTT header", input: "WEBVTT\n\n00:00.000 --> 00:01.000\nHi", path: "a.txt", expected: "webvtt" },
  { name: "WEBVTT header after a BOM and blank lines", input: "\uFEFF\n\nWEBVTT - title\n", path: "a.txt", expected: "webvtt" },
  { name: "numbered SRT blocks", input: "1\n00:00:01,000 --> 00:00:02,000\nHi", path: "a.vtt", expected: "srt" },
  { name: "numbered SRT with CR line ends", input: "1\r00:00:01,000 --> 00:00:02,000\rHi", path: "a", expected: "srt" },
  { name: "timing lines without numbers, .srt", input: "00:00:01.000 --> 00:00:02.000\nHi", path: "a.srt", expected: "srt" },
  { name: "timing lines without numbers, .vtt", input: "00:00:01.000 --> 00:00:02.000\nHi", path: "a.vtt", expected: "webvtt" },
  { name: "Podcasting 2.0 JSON", input: `{"version":"1.0.0","segments":[{"startTime":0,"body":"x"}]}`, path: "a.txt", expected: "podcast-json" },
  { name: "OpenAI Whisper JSON", input: `{"text":"x","segments":[{"start":0,"end":1,"text":"x"}]}`, path: "a.json", expected: "whisper-json" },
  { name: "whisper.cpp JSON", input: `{"transcription":[]}`, path: "a.json", expected: "whisper-json" },
  { name: "Podcasting 2.0 HTML", input: "<cite>A:</cite><time>0:00</time><p>x</p>", path: "a.txt", expected: "podcast-html" },
  { name: "NAME: lines", input: "ANA: Hi.\nBO: Hello.\nANA: Yes.\nMore text.", path: "a.html", expected: "name-colon" },
  { name: "one label in a tiny file", input: "HOST: Hi.\nThanks.", path: "a.txt", expected: "name-colon" },
  { name: ">> NAME: broadcast captions", input: ">> ANA: Hi.\n>> BO: Hello.\n>> Yes.\n>> No.", path: "a.txt", expected: "name-colon" },
  { name: "timestamped NAME: lines starting with [", input: "[00:00:01] ANA: Hi.\n[00:00:02] BO: Yo.\n[00:00:03] ANA: Ok.", path: "a.json", expected: "name-colon" },
  { name: "prose with few colons", input: "Before we start: hello.\nThe plan: none.\nJust text.\nMore.", path: "a.txt", expected: "caption-page" },
  { name: "plain HTML page without cite/time", input: "<html><body><p>Hi</p></body></html>", path: "a.html", expected: "caption-page" },
  { name: "plain lines", input: "- Hello.\n- Hi.", path: "a.txt", expected: "caption-page" },
  // Any JSON value in a .json file goes to a JSON reader, which refuses the wrong shape (not read as caption text).
  { name: "a JSON array of numbers in a .json file", input: "[1,2,3]\n", path: "a.json", expected: "whisper-json" },
  { name: "a JSON scalar in a .json file", input: "42", path: "a.json", expected: "whisper-json" },
  { name: "a JSON string in a .json file", input: '"just a string"', path: "a.json", expected: "whisper-json" },
  { name: "a JSON number in a .txt file is text", input: "42", path: "a.txt", expected: "caption-page" },
];

describe("detectFormat", () => {
  test.each(cases)("$name", ({ input, path, expected }) => {
    expect(detectFormat(input, path)).toBe(expected);
  });
});

describe("readTranscript", () => {
  const ctx = (text: string, path = "a.txt") => ({ source: sourceFromText(path, text), report: () => {} });

  test("an explicit format wins over detection", () => {
    expect(readTranscript(ctx("ANA: Hi.\nBO: Yo.\nANA: Ok."), "caption-page").format).toBe("caption-page");
  });

  test("a .json file holding some other JSON value is refused, not stored as caption text", () => {
    for (const text of ["[1,2,3]", "null", "42", '"just a string"'])
      expect(() => readTranscript(ctx(text, "a.json")), text).toThrowError(/JSON transcript has no "segments"/);
  });

  test("a file that yields no cue is an error", () => {
    expect(() => readTranscript(ctx("WEBVTT\n\nNOTE nothing here\n", "a.vtt"))).toThrowError("a.vtt: no transcript text found (read as webvtt)");
  });

  test("when nothing is read, the first warning says why", () => {
    const warnings: string[] = [];
    const c = { source: sourceFromText("a.vtt", "WEBVTT\n\n99:99.999 --> xx\nHello.\n\n00:01.000 --> yy\nBye.\n"), report: (d: { message: string }) => void warnings.push(d.message) };
    expect(() => readTranscript(c)).toThrowError("a.vtt: no transcript text found (read as webvtt; line 3: broken cue timing '99:99.999 --> xx'; cue skipped)");
    expect(warnings).toHaveLength(2); // still reported to the caller, both of them
  });

  test("a 5 MB single line is rejected quickly with a clear reason", () => {
    const t0 = performance.now();
    expect(() => readTranscript(ctx("word ".repeat(1_048_576), "huge.txt"))).toThrowError(
      "huge.txt:1: a single line of 5,242,880 characters (limit 1,000,000); not a line-based transcript",
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test("the line length does not count the line break (QA: it said 5,242,881 for a line of 5,242,880)", () => {
    for (const br of ["\n", "\r\n"])
      expect(() => readTranscript(ctx("word ".repeat(1_048_576) + br + "more\n", "huge.txt"))).toThrowError(
        "huge.txt:1: a single line of 5,242,880 characters (limit 1,000,000); not a line-based transcript",
      );
  });

  test("a 5 MB single-line JSON transcript is read (JSON is often one line)", () => {
    const seg = `{"speaker":"A","startTime":1,"endTime":2,"body":"${"word ".repeat(20)}"}`;
    const n = Math.ceil(5_000_000 / seg.length);
    const text = `{"version":"1.0.0","segments":[${Array(n).fill(seg).join(",")}]}`;
    const t0 = performance.now();
    const r = readTranscript(ctx(text, "big.json"));
    expect(r.cues).toHaveLength(n);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  test("readers stay linear: 20,000 SRT cues in well under a second each 5,000", () => {
    const block = (i: number) => `${i + 1}\n00:00:01,000 --> 00:00:02,000\n- HOST: line ${i} &amp; more\n- reply <i>${i}</i>\n\n`;
    const text = Array.from({ length: 20_000 }, (_, i) => block(i)).join("");
    const t0 = performance.now();
    expect(readTranscript(ctx(text, "a.srt")).cues).toHaveLength(40_000);
    expect(performance.now() - t0).toBeLessThan(4000);
  });
});
