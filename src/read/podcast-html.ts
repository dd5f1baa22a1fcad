import { MappedText } from "../core/mapped-text.js";
import type { Cue, EpisodeMeta, ReadResult, StageContext } from "../core/types.js";
import { decodeEntities, decodeEntityString } from "./decode-entities.js";
import { applyMetaField, concatMapped, mappedChar, parseTimestamp, squeezeSpaces } from "./line-tools.js";

const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
/** Tags whose contents are never transcript text. */
const SKIP = new Set(["script", "style", "head", "noscript", "template"]);

/**
 * Read the Podcasting 2.0 HTML transcript form: `<cite>Name:</cite>` sets the speaker (trailing
 * colon dropped), `<time>00:00:01</time>` the start time of the next paragraph, and each `<p>`
 * (or `<div>`/`<li>`) with text is a cue. Inline tags inside a paragraph are removed, `<br>` becomes
 * a space mapped to the tag, entities are decoded (mapped to their `&`), whitespace squeezed.
 * `<title>` and `<meta name="…" content="…">` (title, date, author) fill `meta`. End times are null.
 *
 * @example
 * readPodcastHtml(ctx).cues[0].speaker; // "Kevin" for "<cite>Kevin:</cite><time>0:00</time><p>Hi</p>"
 */
export function readPodcastHtml(ctx: StageContext): ReadResult {
  const { text } = ctx.source;
  const meta: EpisodeMeta = { names: [] };
  const cues: Cue[] = [];
  let speaker: string | undefined;
  let time: number | null = null;
  let para: MappedText[] | null = null;
  let capture: { tag: string; start: number; attrs: string } | null = null;
  let skipDepth = 0;
  let skipTag = "";
  let pos = 0;

  const flush = () => {
    if (para) {
      const t = squeezeSpaces(decodeEntities(concatMapped(para)));
      if (t.length > 0) {
        const cue: Cue = { text: t, startTime: time, endTime: null };
        if (speaker !== undefined) cue.speaker = speaker;
        cues.push(cue);
        time = null;
      }
    }
    para = null;
  };
  /** End the paragraph's text so far (a new speaker or time inside a `<p>`), keeping it open. */
  const breakParagraph = () => {
    if (para && concatMapped(para).text.trim().length > 0) {
      flush();
      para = [];
    }
  };
  const textRun = (from: number, to: number) => {
    if (to > from && para && !capture && skipDepth === 0) para.push(MappedText.fromSource(text, from, to));
  };

  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    textRun(pos, m.index);
    pos = m.index + m[0].length;
    if (m[2] === undefined) continue; // a comment
    const closing = m[1] === "/";
    const name = m[2].toLowerCase();
    if (skipDepth > 0) {
      if (name === skipTag) skipDepth += closing ? -1 : 1;
      continue;
    }
    if (SKIP.has(name) && !closing) {
      if (name === "head") continue; // the head holds <title> and <meta>, read below
      skipDepth = 1;
      skipTag = name;
      continue;
    }
    if (name === "meta" && !closing) {
      const attrs = m[3];
      const key = /\b(?:name|property)\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
      const content = /\bcontent\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1];
      if (key && content) {
        const k = key.replace(/^(?:og|article|podcast):/i, "").toLowerCase();
        if (/^(title|date|published_time|air-?date|author|speakers|show|site_name)$/.test(k))
          applyMetaField(meta, k === "published_time" ? "date" : k === "author" ? "hosts" : k === "site_name" ? "show" : k, decodeEntityString(content));
      }
      continue;
    }
    if (name === "cite" || name === "time" || name === "title") {
      if (!closing) {
        capture = { tag: name, start: pos, attrs: m[3] };
        continue;
      }
      if (capture && capture.tag === name) {
        const inner = decodeEntityString(text.slice(capture.start, m.index).replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();
        const attrs = capture.attrs;
        capture = null;
        if (name === "cite") {
          breakParagraph();
          const label = inner.replace(/\s*:\s*$/, "");
          if (label) speaker = label;
        } else if (name === "time") {
          const datetime = /\bdatetime\s*=\s*["']([^"']+)["']/i.exec(attrs);
          const t = parseTimestamp(inner) ?? (datetime ? parseTimestamp(datetime[1]) : null);
          if (t !== null) {
            breakParagraph();
            time = t;
          }
        } else if (inner) meta.title ??= inner;
      }
      continue;
    }
    if (capture) continue;
    if (name === "p" || name === "div" || name === "li" || name === "blockquote" || name === "section" || name === "article" || name === "body") {
      if (closing || para) flush();
      if (!closing && (name === "p" || name === "li" || name === "blockquote")) para = [];
      continue;
    }
    if (name === "br" && para) para.push(mappedChar(" ", m.index));
  }
  textRun(pos, text.length);
  flush();
  return { format: "podcast-html", cues, meta, diagnostics: [] };
}
