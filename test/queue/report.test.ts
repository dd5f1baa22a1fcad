import { describe, expect, test } from "vitest";
import { formatFigure, formatTime, renderReport } from "../../src/queue/report.js";
import type { ClaimExport, EpisodeSummary, TurnExport } from "../../src/store/exports.js";

describe("report formatting", () => {
  test.each([
    { input: -16800000000, expected: "-16.8B" },
    { input: 39431263, expected: "39.43M" },
    { input: 0.818, expected: "0.818" },
    { input: 2013, expected: "2013" },
    { input: null, expected: "" },
  ])("formatFigure($input)", ({ input, expected }) => expect(formatFigure(input)).toBe(expected));

  test.each([
    { input: 75.2, expected: "1:15" },
    { input: 3725, expected: "1:02:05" },
    { input: null, expected: "" },
  ])("formatTime($input)", ({ input, expected }) => expect(formatTime(input)).toBe(expected));
});

describe("renderReport", () => {
  const ep: EpisodeSummary = { id: "ep1", source: "in/ep1.vtt", format: "webvtt", show: "Morning Desk", title: "Budgets", air_date: "2025-11-14", turns: 2, claims: 2 };
  const turn = (index: number, speaker: string, role: string): TurnExport => ({
    index, speaker, role, confidence: 0.9, evidence: [], is_teaser: false, start_line: index + 1, end_line: index + 1, start_offset: 0, end_offset: 1, start_time: 10 * index, end_time: null, text: "x",
  });
  const claim = (over: Partial<ClaimExport>): ClaimExport => ({
    id: "ep1:aa:0", episode: "ep1", speaker: "Ana Ruiz", claimant: "Ana Ruiz", role: "host", line: 3, start_line: 3, end_line: 3, start_offset: 0, end_offset: 1,
    start_time: 75, end_time: 80, text: "Ohio sends $10 billion more than it gets back.", score: 0.4, type: "quantity", year: null, topics: ["balance-of-payments"], topic_terms: {},
    quantities: [{ kind: "money", value: 1e10, unit: "USD", text: "$10 billion" }], states: ["OH"], links: [], suggestion: null, status: "open", verdict: null, priority: 10, assignee: null, ...over,
  });

  test("top claims by priority, with who said it, whose claim it is, line, time, links and the suggestion", () => {
    const md = renderReport(ep, [turn(0, "Ana Ruiz", "host"), turn(1, "Jon Park", "guest")], [
      claim({ id: "a", priority: 5, text: "Low one." }),
      claim({
        id: "b", priority: 50, claimant: "Rosa", text: "Rosa writes that Ohio got $0.80 per dollar.",
        links: [{ source_id: "SRC1", table: "t", state: "OH", year: 2022, metric: "return_per_dollar", value: 0.8, claimed: 0.8, note: "n" }],
        suggestion: { verdict: "matches", reason: "matches SRC1 (0.8)" },
      }),
    ], { top: 1 });
    expect(md).toMatch(/^# Budgets/);
    expect(md).toMatch(/\| Ana Ruiz \| host \| 1 \| 1 \|/);
    expect(md).toMatch(/Top claims \(1 of 2\)/);
    expect(md).toMatch(/### 1\. Rosa writes/);
    expect(md).not.toMatch(/Low one/);
    expect(md).toMatch(/Rosa \(read by Ana Ruiz\) \(host\) · line 3 · 1:15/);
    expect(md).toMatch(/\| SRC1 \| t \| OH \| 2022 \| return_per_dollar \| 0\.8 \| 0\.8 \| n \|/);
    expect(md).toMatch(/\*\*Suggested:\*\* matches — matches SRC1 \(0\.8\) _\(a suggestion, not a verdict\)_/);
  });

  test("HTML from a transcript is shown as text, never as markup a Markdown viewer would run", () => {
    const md = renderReport({ ...ep, title: "<b>Budgets</b>" }, [turn(0, '<img src=x onerror=alert(1)>', "host")], [
      claim({ speaker: '<img src=x onerror=alert(1)>', claimant: '<img src=x onerror=alert(1)>', text: "Ohio <script>alert(1)</script> sends $10 billion." }),
    ]);
    expect(md).not.toMatch(/<(?:script|img|b)\b/);
    expect(md).toContain("# &lt;b>Budgets&lt;/b>");
    expect(md).toContain("### 1. Ohio &lt;script>alert(1)&lt;/script> sends $10 billion.");
    expect(md).toContain("| &lt;img src=x onerror=alert(1)> | host |");
  });
});
