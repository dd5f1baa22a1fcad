import { describe, expect, test } from "vitest";
import { readWhisperJson } from "../../src/read/whisper-json.js";
import { sourceFromText } from "../../src/core/source.js";
import { run, type CueRow } from "./read-helpers.js";

const cases: { name: string; input: string; expected: CueRow[] }[] = [
  { name: "OpenAI segments", input: `{"text": " A. B.", "segments": [{"id": 0, "start": 0.0, "end": 1.0, "text": " A."}, {"id": 1, "start": 1.0, "end": 2.5, "text": " B."}]}`, expected: [["A.", null, 0, 1, false], ["B.", null, 1, 2.5, false]] },
  { name: "diarised speaker fields", input: `{"segments": [{"start": 0, "end": 1, "text": " Hi", "speaker": "SPEAKER_00"}]}`, expected: [["Hi", "SPEAKER_00", 0, 1, false]] },
  { name: "whisper.cpp offsets in ms", input: `{"transcription": [{"timestamps": {"from": "00:00:00,000", "to": "00:00:01,000"}, "offsets": {"from": 250, "to": 1500}, "text": " Hi"}]}`, expected: [["Hi", null, 0.25, 1.5, false]] },
  { name: "whisper.cpp timestamps only", input: `{"transcription": [{"timestamps": {"from": "00:01:00,500", "to": "00:01:02,000"}, "text": " Hi"}]}`, expected: [["Hi", null, 60.5, 62, false]] },
  { name: "speaker_turn_next marks the next cue", input: `{"transcription": [{"offsets": {"from": 0, "to": 1}, "text": "a", "speaker_turn_next": true}, {"offsets": {"from": 1, "to": 2}, "text": "b"}]}`, expected: [["a", null, 0, 0.001, false], ["b", null, 0.001, 0.002, true]] },
  { name: "text only", input: `{"text": " Just text."}`, expected: [["Just text.", null, null, null, false]] },
];

describe("readWhisperJson", () => {
  test.each(cases)("$name", ({ input, expected }) => {
    expect(run(readWhisperJson, input, "a.json").rows).toEqual(expected);
  });

  test("a negative start is dropped with a warning", () => {
    const { rows, warnings } = run(readWhisperJson, `{"segments": [\n{"start": -1.5, "end": 2, "text": " Hi."}]}`, "a.json");
    expect(rows).toEqual([["Hi.", null, null, 2, false]]);
    expect(warnings).toEqual(["line 2: negative start time (-1.5s); the segment is kept without one"]);
  });

  test("language goes to meta.extra", () => {
    expect(run(readWhisperJson, `{"language": "en", "text": "x"}`, "a.json").result.meta).toEqual({ names: [], extra: { language: "en" } });
  });

  test("JSON of another shape", () => {
    expect(() => readWhisperJson({ source: sourceFromText("a.json", `{"foo": 1}`), report: () => {} })).toThrowError(
      'a.json:1: JSON transcript has no "segments", "transcription" or "text" (Whisper JSON expected)',
    );
  });

  test.each([
    [`{\n  "segments": "none"}`, 'a.json:2: JSON transcript\'s "segments" is a string, not a list of segments (Whisper JSON expected)'],
    [`{"transcription": {"a": 1}}`, 'a.json:1: JSON transcript\'s "transcription" is an object, not a list of segments (Whisper JSON expected)'],
    [`{"segments": null}`, 'a.json:1: JSON transcript\'s "segments" is null, not a list of segments (Whisper JSON expected)'],
  ])("a key of the wrong kind is named, at its line: %s", (input, message) => {
    expect(() => readWhisperJson({ source: sourceFromText("a.json", input), report: () => {} })).toThrowError(message);
  });
});
