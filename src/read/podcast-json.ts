import { TranscriptError } from "../core/diagnostic.js";
import { lineOf } from "../core/source.js";
import type { Cue, EpisodeMeta, ReadResult, StageContext } from "../core/types.js";
import { applyMetaField, squeezeSpaces } from "./line-tools.js";
import { cueTimes, member, numberOf, scanJson, stringOf, type JsonNode } from "./scan-json.js";

/**
 * Episode facts a JSON transcript states about itself: `title`, `show`/`podcast`, `date`/`pubDate`,
 * `speakers`/`guests`/`hosts` (a string or an array of strings), `language`.
 *
 * @example
 * metaFromJson(root); // { names: ["Ana Ruiz"], title: "Ep 1" }
 */
export function metaFromJson(root: JsonNode): EpisodeMeta {
  const meta: EpisodeMeta = { names: [] };
  if (root.kind !== "object") return meta;
  for (const [key, node] of root.members) {
    if (!/^(title|show|podcast|series|date|airDate|pubDate|published|speakers|guests|hosts|names|language)$/i.test(key)) continue;
    if (node.kind === "string") applyMetaField(meta, key, node.value);
    else if (node.kind === "array") {
      const names = node.items.map((x) => stringOf(x) ?? stringOf(member(x, "name"))).filter((x): x is string => !!x);
      if (names.length) applyMetaField(meta, key, names.join(", "));
    }
  }
  return meta;
}

/**
 * Read a Podcasting 2.0 JSON transcript: `{version, segments: [{speaker, startTime, endTime, body}]}`.
 * Each segment with a non-empty body is a cue whose text maps into the `body` string literal
 * (escapes map to their backslash); whitespace runs are squeezed. Times may be numbers or numeric
 * strings; a negative time is dropped and an end before the start kept, each with a warning. Throws a {@link TranscriptError} for truncated or invalid JSON (with its line) and for
 * JSON without a `segments` array.
 *
 * @example
 * readPodcastJson(ctx).cues[0].speaker; // "Alice"
 */
export function readPodcastJson(ctx: StageContext): ReadResult {
  const root = scanJson(ctx.source);
  const segs = member(root, "segments");
  if (!segs || segs.kind !== "array")
    throw new TranscriptError(ctx.source.path, "JSON transcript has no \"segments\" array (Podcasting 2.0 JSON expected)", lineOf(ctx.source, root.start));
  const cues: Cue[] = [];
  for (const seg of segs.items) {
    const body = member(seg, "body");
    if (!body || body.kind !== "string") continue;
    const text = squeezeSpaces(body.text);
    if (text.length === 0) continue;
    const cue: Cue = { text, ...cueTimes(ctx, "read/podcast-json", seg, numberOf(member(seg, "startTime")), numberOf(member(seg, "endTime"))) };
    const speaker = stringOf(member(seg, "speaker"));
    if (speaker !== undefined) cue.speaker = speaker;
    cues.push(cue);
  }
  return { format: "podcast-json", cues, meta: metaFromJson(root), diagnostics: [] };
}
