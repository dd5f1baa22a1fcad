import { describe, expect, test } from "vitest";
import { applyLabels, normaliseLabel } from "../../src/segment/apply-labels.js";
import type { Attribution } from "../../src/segment/infer-speakers.js";
import type { Participant } from "../../src/segment/find-participants.js";

describe("normaliseLabel", () => {
  const cases = [
    { input: "ALEXIS MADRIGAL", expected: { name: "Alexis Madrigal", role: null, generic: false } },
    { input: "AUDIE CORNISH, HOST", expected: { name: "Audie Cornish", role: "host", generic: false } },
    { input: "SPEAKER_01", expected: { name: "Speaker 1", role: null, generic: true } },
    { input: "Speaker 2", expected: { name: "Speaker 2", role: null, generic: true } },
    { input: "HOST", expected: { name: "Host", role: "host", generic: true } },
    { input: "Dr. Jane van Dyke", expected: { name: "Dr. Jane van Dyke", role: null, generic: false } },
    { input: "PAT MCCARTHY (Guest)", expected: { name: "Pat McCarthy", role: "guest", generic: false } },
  ];
  test.each(cases)("$input", ({ input, expected }) => expect(normaliseLabel(input)).toEqual(expected));
});

describe("applyLabels", () => {
  const guess = (speaker: string, role: Attribution["role"], confidence = 0.8): Attribution => ({ speaker, role, confidence, evidence: ["content"] });
  const people: Participant[] = [
    { name: "Ana Ruiz", role: "host", aliases: ["ana ruiz", "ana", "ruiz"], evidence: "I'm Ana Ruiz", turn: 1 },
    { name: "Jon Park", role: "guest", aliases: ["jon park", "jon", "park"], heardAs: "John Parks", evidence: "joined by Jon Park", turn: 1 },
  ];

  test("named labels win, spelled as introduced on air, with the introduced role", () => {
    const out = applyLabels(["ANA RUIZ", "JOHN PARK", undefined], [guess("Speaker 2", "unknown"), guess("Ana Ruiz", "host"), guess("Jon Park", "guest")], people);
    expect(out.map((a) => [a.speaker, a.role])).toEqual([
      ["Ana Ruiz", "host"],
      ["Jon Park", "guest"],
      ["Jon Park", "guest"],
    ]);
    expect(out[1].evidence[0]).toMatch(/label in the file: "JOHN PARK" \(introduced on air as Jon Park\)/);
    expect(out[1].confidence).toBeGreaterThan(0.9);
    // The unlabelled turn keeps its inference.
    expect(out[2].evidence).toEqual(["content"]);
  });

  test("a generic label takes the name most of its turns point to, else stays generic", () => {
    const labels = ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01", "SPEAKER_00"];
    const inferred = [guess("Ana Ruiz", "host"), guess("Jon Park", "guest", 0.3), guess("Ana Ruiz", "host"), guess("Speaker 2", "unknown"), guess("Jon Park", "guest")];
    const out = applyLabels(labels, inferred, people);
    expect(out.map((a) => a.speaker)).toEqual(["Ana Ruiz", "Speaker 1", "Ana Ruiz", "Speaker 1", "Ana Ruiz"]);
    expect(out[0].evidence[0]).toMatch(/2 of its 3 turns point to Ana Ruiz/);
    expect(out[1].role).toBe("unknown");
  });
});
