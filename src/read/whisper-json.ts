import { TranscriptError } from "../core/diagnostic.js";
import { lineOf } from "../core/source.js";
import type { Cue, ReadResult, StageContext } from "../core/types.js";
import { parseTimestamp, squeezeSpaces } from "./line-tools.js";
import { metaFromJson } from "./podcast-json.js";
import { cueTimes, member, numberOf, scanJson, stringOf, type JsonNode } from "./scan-json.js";

/**
 * Read Whisper output: OpenAI's `{text, segments: [{start, end, text, speaker?}]}` (WhisperX and
 * other diarisers add `speaker`) and whisper.cpp's `{transcription: [{timestamps: {from, to},
 * offsets: {from, to}, text, speaker?, speaker_turn_next?}]}` (offsets in milliseconds win over the
 * `00:00:01,000` timestamps). A file with only a top-level `text` becomes one untimed cue. Cue text
 * maps into each `text` string literal. `speaker_turn_next` (tinydiarize) marks the next cue as a
 * new turn. Throws a {@link TranscriptError} for truncated or invalid JSON and for JSON with none
 * of these shapes.
 *
 * @example
 * readWhisperJson(ctx).cues[0].startTime; // 0 for {"segments":[{"start":0,"end":2,"text":" Hi"}]}
 */
export function readWhisperJson(ctx: StageContext): ReadResult {
  const root = scanJson(ctx.source);
  const cues: Cue[] = [];
  const segments = member(root, "segments");
  const transcription = member(root, "transcription");
  const push = (node: JsonNode | undefined, start: number | null, end: number | null, speaker: string | undefined, turnStart: boolean) => {
    if (!node || node.kind !== "string") return;
    const text = squeezeSpaces(node.text);
    if (text.length === 0) return;
    const cue: Cue = { text, ...cueTimes(ctx, "read/whisper-json", node, start, end) };
    if (speaker !== undefined) cue.speaker = speaker;
    if (turnStart) cue.turnStart = true;
    cues.push(cue);
  };
  if (segments && segments.kind === "array") {
    for (const seg of segments.items) push(member(seg, "text"), numberOf(member(seg, "start")), numberOf(member(seg, "end")), stringOf(member(seg, "speaker")), false);
  } else if (transcription && transcription.kind === "array") {
    let nextTurn = false;
    for (const seg of transcription.items) {
      const off = member(seg, "offsets");
      const ts = member(seg, "timestamps");
      const fromMs = numberOf(member(off, "from"));
      const toMs = numberOf(member(off, "to"));
      const start = fromMs !== null ? fromMs / 1000 : parseTimestamp(stringOf(member(ts, "from")) ?? "");
      const end = toMs !== null ? toMs / 1000 : parseTimestamp(stringOf(member(ts, "to")) ?? "");
      push(member(seg, "text"), start, end, stringOf(member(seg, "speaker")), nextTurn);
      const turn = member(seg, "speaker_turn_next");
      nextTurn = turn?.kind === "boolean" && turn.value === true;
    }
  } else if (member(root, "text")?.kind === "string") {
    push(member(root, "text"), null, null, undefined, false);
  } else {
    // Name the key that is there but of the wrong kind: that is the likelier mistake.
    const wrong = segments ? ["segments", segments] as const : transcription ? ["transcription", transcription] as const : undefined;
    const problem = wrong
      ? `JSON transcript's "${wrong[0]}" is ${wrong[1].kind === "null" ? "null" : wrong[1].kind === "object" ? "an object" : `a ${wrong[1].kind}`}, not a list of segments (Whisper JSON expected)`
      : 'JSON transcript has no "segments", "transcription" or "text" (Whisper JSON expected)';
    throw new TranscriptError(ctx.source.path, problem, lineOf(ctx.source, (wrong?.[1] ?? root).start));
  }
  return { format: "whisper-json", cues, meta: metaFromJson(root), diagnostics: [] };
}
