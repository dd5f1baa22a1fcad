import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sha256 } from "../../src/core/source.js";
import { hashClaimText } from "../../src/pipeline.js";
import { sentencesFromRows, type EpisodeRecord, type SentenceRow } from "../../src/store/records.js";

/** Speech with markup that must render as text. */
export const SCRIPT_TEXT = "<script>window.__pwned=1</script>";
export const IMG_TEXT = `<img src=x onerror="window.__pwned=2">`;

interface TurnSpec {
  speaker: string;
  role: "host" | "guest" | "caller" | "listener" | "unknown";
  text: string;
  teaser?: boolean;
  claim?: string;
  claimant?: string;
}

/**
 * A hand-made episode record (no pipeline): a chrome line, a teaser turn, a host, a guest and a
 * listener comment read out by the host, with `<script>` and `<img onerror>` in speech. The
 * source file is written to `dir` so the episode page can show the dropped chrome. `extraFirst`
 * inserts a turn before the others (indexes shift, source offsets shift) to test re-ingests.
 */
export function handMadeRecord(dir: string, id = "web-fixture", opts: { extraFirst?: boolean } = {}): EpisodeRecord {
  const chrome = "Menu | Home | Donate now\n";
  const specs: TurnSpec[] = [
    ...(opts.extraFirst ? [{ speaker: "Producer", role: "unknown" as const, text: "A note added before the show." }] : []),
    { speaker: "Host", role: "host", text: "Coming up: taxes rose 5% last year.", teaser: true, claim: "taxes rose 5% last year." },
    { speaker: "Host", role: "host", text: `Welcome. ${SCRIPT_TEXT} Our state got $0.91 for every dollar it sent in 2022.`, claim: "Our state got $0.91 for every dollar it sent in 2022." },
    { speaker: "Guest", role: "guest", text: `Thanks. ${IMG_TEXT} Taxes rose 5% last year in our state.`, claim: "Taxes rose 5% last year in our state." },
    { speaker: "Host", role: "host", text: "A listener writes that the state deficit doubled since 2019.", claim: "the state deficit doubled since 2019.", claimant: "Listener Jo" },
  ];
  let source = chrome;
  const turns: EpisodeRecord["turns"] = [];
  const sentences: SentenceRow[] = [];
  const claims: EpisodeRecord["claims"] = [];
  specs.forEach((s, idx) => {
    const line = `- ${s.text}\n`;
    const start = source.length + 2;
    source += line;
    const lineNo = idx + 2;
    const prov = { start_offset: start, end_offset: start + s.text.length, start_line: lineNo, end_line: lineNo, start_time: idx * 30, end_time: idx * 30 + 29 };
    turns.push({ ...prov, idx, speaker: s.speaker, role: s.role, confidence: 0.9, evidence: ["hand-made"], is_teaser: !!s.teaser, text: s.text });
    sentences.push({ ...prov, idx, turn_idx: idx, text: s.text, normal: s.text, claimant: s.claimant ?? null, score: 0.8 });
    if (s.claim) {
      const at = s.text.indexOf(s.claim);
      const hash = hashClaimText(s.claim);
      claims.push({
        ...prov,
        start_offset: start + at,
        end_offset: start + at + s.claim.length,
        id: `${id}:${hash}:${s.teaser ? 1 : 0}`,
        text_hash: hash,
        sentence_idx: idx,
        turn_idx: idx,
        speaker: s.speaker,
        claimant: s.claimant ?? s.speaker,
        role: s.role,
        text: s.claim,
        normal: s.claim.toLowerCase(),
        score: 0.5 + idx / 10,
        type: "quantity",
        year: 2022,
        from_teaser: !!s.teaser,
        topics: [{ id: "taxes", label: "Taxes", terms: ["taxes"] }],
        quantities: [{ kind: "percent", value: 5, unit: "%", text: "5%" }],
        states: ["CA"],
        links: s.claim.startsWith("Our state")
          ? [{ sourceId: "treasury", table: "balance", state: "CA", year: 2022, metric: "return_per_dollar", value: 0.83, claimed: 0.91, note: "hand-made row" }]
          : [],
        suggestion: s.claim.startsWith("Our state") ? { verdict: "off", reason: "recorded 0.83, claimed 0.91" } : null,
      });
    }
  });
  const path = join(dir, `${id}.txt`);
  writeFileSync(path, source);
  return {
    episode: {
      id,
      source_path: path,
      content_hash: sha256(source),
      format: "caption-page",
      show: "Test Show",
      title: "A hand-made episode",
      air_date: "2026-01-05",
      meta: {},
      diagnostics: [{ severity: "info", ruleId: "clean/strip-chrome", message: "dropped page chrome", span: { start: 0, end: chrome.length - 1 } }],
    },
    speakers: [
      { name: "Host", role: "host", heard_as: null },
      { name: "Guest", role: "guest", heard_as: null },
      ...(opts.extraFirst ? [{ name: "Producer", role: "unknown" as const, heard_as: null }] : []),
    ],
    turns,
    sentences: sentencesFromRows(sentences),
    claims,
  };
}
