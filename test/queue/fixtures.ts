import { hashClaimText } from "../../src/pipeline.js";
import { sentencesFromRows, type EpisodeRecord, type SentenceRow } from "../../src/store/records.js";
import type { ClaimType, EvidenceLink, Quantity, TopicTag } from "../../src/core/types.js";

/** A claim as a test writes it; everything but the text has a default. */
export interface ClaimSpec {
  text: string;
  score?: number;
  type?: ClaimType | string;
  speaker?: string;
  claimant?: string;
  topics?: string[];
  quantities?: Quantity[];
  states?: string[];
  links?: Partial<EvidenceLink>[];
  time?: number | null;
  teaser?: boolean;
}

/**
 * A hand-made episode record: one turn per claim, one sentence of filler between claims (so a
 * claim has context either side), ids made exactly as the pipeline makes them.
 */
export function makeRecord(
  id: string,
  specs: ClaimSpec[],
  opts: { air_date?: string | null; title?: string | null; hash?: string } = {},
): EpisodeRecord {
  const sentences: SentenceRow[] = [];
  const turns: EpisodeRecord["turns"] = [];
  const claims: EpisodeRecord["claims"] = [];
  const seen = new Map<string, number>();
  let offset = 0;
  let line = 1;
  specs.forEach((c, k) => {
    const speaker = c.speaker ?? `Speaker ${k % 2 ? "B" : "A"}`;
    const filler = `Filler sentence number ${k}.`;
    const turnStart = offset;
    for (const [text, isClaim] of [[filler, false], [c.text, true]] as const) {
      const prov = { start_offset: offset, end_offset: offset + text.length, start_line: line, end_line: line, start_time: c.time === undefined ? k * 10 : c.time, end_time: null };
      const idx = sentences.length;
      sentences.push({ ...prov, idx, turn_idx: k, text, normal: text, claimant: null, score: isClaim ? c.score ?? 0.8 : 0.1 });
      if (isClaim) {
        const h = hashClaimText(text);
        const ord = seen.get(h) ?? 0;
        seen.set(h, ord + 1);
        claims.push({
          ...prov,
          id: `${id}:${h}:${ord}`,
          text_hash: h,
          sentence_idx: idx,
          turn_idx: k,
          speaker,
          claimant: c.claimant ?? speaker,
          role: "guest",
          text,
          normal: text,
          score: c.score ?? 0.8,
          type: (c.type ?? "quantity") as ClaimType,
          year: null,
          from_teaser: c.teaser ?? false,
          topics: (c.topics ?? []).map((t): TopicTag => ({ id: t, label: t[0].toUpperCase() + t.slice(1), terms: [t] })),
          quantities: c.quantities ?? [],
          states: c.states ?? [],
          links: (c.links ?? []).map((l) => ({ sourceId: "src", table: "t", state: "CA", year: 2022, metric: "m", value: 1, ...l })),
          suggestion: null,
        });
      }
      offset += text.length + 1;
      line++;
    }
    turns.push({ start_offset: turnStart, end_offset: offset - 1, start_line: line - 2, end_line: line - 1, start_time: null, end_time: null, idx: k, speaker, role: "guest", confidence: 1, evidence: [], is_teaser: false, text: filler + " " + c.text });
  });
  return {
    episode: {
      id,
      source_path: `transcripts/${id}.txt`,
      content_hash: opts.hash ?? `hash-${id}-${specs.map((s) => s.text).join("|").length}`,
      format: "name-colon",
      show: "Test Show",
      title: opts.title === undefined ? `Episode ${id}` : opts.title,
      air_date: opts.air_date === undefined ? null : opts.air_date,
      meta: {},
      diagnostics: [],
    },
    speakers: [...new Set(turns.map((t) => t.speaker))].map((name) => ({ name, role: "guest" as const, heard_as: null })),
    turns,
    sentences: sentencesFromRows(sentences),
    claims,
  };
}

/** `n` distinct numbered claims. */
export function manyClaims(n: number): ClaimSpec[] {
  return Array.from({ length: n }, (_, i) => ({ text: `Claim number ${i} says the figure was ${1000 + i} dollars in ${1990 + (i % 30)}.`, score: ((i * 37) % 100) / 100 }));
}
