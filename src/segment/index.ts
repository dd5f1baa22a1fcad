import { MappedText } from "../core/mapped-text.js";
import type { CleanResult, Sentence, StageContext, Turn } from "../core/types.js";
import { splitTurns } from "./split-turns.js";
import { CueIndex, splitSentences } from "./split-sentences.js";
import { aliasPattern, findParticipants, findReferences } from "./find-participants.js";
import { findListenerComments } from "./find-listener-comments.js";
import { LISTENER, scanTurn, SELF, STATION } from "./cue-words.js";
import { inferSpeakers } from "./infer-speakers.js";
import { applyLabels } from "./apply-labels.js";
import { findSignature } from "./find-signature.js";

/**
 * Group cleaned cues into speaker turns, split each turn into sentences and name its speaker, in
 * order: split at turn markers (repairing the one-word-early dash and a missing dash after a
 * question put by name); split sentences across caption lines with a normalised layer; find the
 * people on air from introductions; find listener comments the host reads out (their sentences get
 * the listener as `claimant`); name each turn's speaker with its confidence and evidence; where
 * the file labels speakers (`NAME:`, VTT voices, JSON `speaker`), the labels name the turns; a
 * single-voice text with no name on air is its signed author's ("—David").
 *
 * @example
 * segmentTurns(cleanResult, ctx)[0].speaker; // "Ana Ruiz"
 */
export function segmentTurns(clean: CleanResult, _ctx: StageContext): Turn[] {
  // 1. Turns from the markers, with the caption habits repaired.
  const raw = splitTurns(clean);
  const rename = new Map((clean.repairs ?? []).map((r) => [r.heard, r.name] as const));
  // A turn of one segment is that segment's text (maps are never written: sharing is safe).
  const texts = raw.map((t) => (t.segments.length === 1 ? t.segments[0].text : MappedText.join(t.segments.map((s) => s.text), " ")));
  // 2. Sentences across the old line breaks, original wording plus a normalised layer.
  const cues = new CueIndex(clean.cues);
  const sentences: Sentence[][] = texts.map((text) => splitSentences(text, cues, rename));
  // 3. The people on air, from what is said about them.
  // Which literal words each turn holds, for the patterns that need them, and its word count (one scan per turn).
  const scans = texts.map((t) => scanTurn(t.text));
  const masks = scans.map((x) => x.mask);
  const people = findParticipants(
    texts.map((t) => t.text),
    clean.repairs ?? [],
    undefined,
    masks,
  );
  // 4. Listener comments read out.
  const pattern = aliasPattern(people);
  const comments = sentences.map((ss, i) =>
    (masks[i] & LISTENER) !== 0
      ? findListenerComments(
          ss.map((s) => s.text.text),
          (k) => findReferences(ss[k].text.text, people, pattern).some((r) => r.kind === "vocative"),
        )
      : [],
  );
  comments.forEach((list, i) => {
    for (const c of list) for (const k of c.sentences) sentences[i][k].claimant = c.claimant;
  });
  // 5. A speaker for every turn.
  const inferred = inferSpeakers(
    raw.map((t, i) => ({ text: texts[i].text, isTeaser: t.isTeaser, readsListener: comments[i].length > 0, notes: t.notes, selfWords: (masks[i] & SELF) !== 0, stationWords: (masks[i] & STATION) !== 0, words: scans[i].words })),
    people,
    pattern,
  );
  // 6. Where the file labels its speakers, the labels name the turns.
  const who = applyLabels(
    raw.map((t) => clean.cues[t.segments[0].cue].speaker),
    inferred,
    people,
  );
  // 7. A single-voice text nobody names on air (an essay) is its signed author's, if it is signed.
  const solo = raw.filter((t) => !t.isTeaser);
  if (solo.length === 1 && /^Speaker \d+$/.test(who[raw.indexOf(solo[0])].speaker)) {
    const sig = findSignature(clean.cues);
    if (sig) {
      const i = raw.indexOf(solo[0]);
      who[i] = { speaker: sig.name, role: "unknown", confidence: 0.7, evidence: [`signed the text: "${clean.cues[sig.cue].text.text}"`] };
    }
  }
  return raw.map((t, index) => {
    const first = t.segments[0].cue;
    const last = t.segments[t.segments.length - 1].cue;
    const a = who[index];
    const turn: Turn = {
      index,
      speaker: a.speaker,
      role: a.role,
      confidence: a.confidence,
      evidence: [...a.evidence, ...comments[index].map((c) => `reads a listener comment: "${c.evidence}"`)],
      isTeaser: t.isTeaser,
      text: texts[index],
      sentences: sentences[index],
      startTime: clean.cues[first].startTime,
      endTime: clean.cues[last].endTime,
    };
    if (a.heardAs) turn.heardAs = a.heardAs;
    return turn;
  });
}
