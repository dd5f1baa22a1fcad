import { TIMESTAMP_SOURCE, parseTimestamp } from "./line-tools.js";

/** What {@link matchSpeakerLabel} found at the start of a line. Offsets are relative to the line. */
export interface LabelMatch {
  /** The line starts with a `>>` broadcast turn marker. */
  marker: boolean;
  /** Speaker label as written (`ANA RUIZ`, `Speaker 2`, `AUDIE CORNISH, HOST`), or null for a bare marker. */
  label: string | null;
  labelStart: number;
  labelEnd: number;
  /** Seconds from a timestamp before or after the label, if any. */
  time: number | null;
  /** Where the spoken text starts (after the colon, the spaces and an inline timestamp). */
  textStart: number;
}

const TS = TIMESTAMP_SOURCE;
const CAPS_WORD = String.raw`[\p{Lu}\d#][\p{Lu}\p{M}\d'’.\-_#&]*`;
const CAPS = String.raw`${CAPS_WORD}(?:(?:,\s?|\s)${CAPS_WORD}){0,5}`;
const TITLE_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.\-]*`;
const PARTICLE = String.raw`(?:de|da|del|der|di|du|van|von|la|le|bin|al|y|St\.)`;
const TITLE = String.raw`${TITLE_WORD}(?:\s(?:${TITLE_WORD}|\d{1,3}|${PARTICLE}(?=\s\p{Lu}))){0,4}`;
const SPEAKER_N = String.raw`(?:SPEAKER|Speaker|speaker)[ _-]?\d{1,3}`;
const LABEL = String.raw`(?:${SPEAKER_N}|${CAPS}|${TITLE})(?:\s\((?!\d)[^()\n]{1,30}\))?`;

/** `>> [ts] LABEL [(ts)]: text` and the Otter form `LABEL  0:03` alone on its line. */
const LINE = new RegExp(
  String.raw`^(\s*>>+\s*)?(?:[\[(](${TS})[\])]\s*|(${TS})\s+)?(${LABEL})(?:\s*[\[(](${TS})[\])])?(?:\s*:(?=\s|$)\s*(?:[\[(](${TS})[\])]\s*)?|\s+(${TS})\s*$)`,
  "u",
);
const BARE_MARKER = /^(\s*>>+)(?:\s+|$)/;

/** Words before a colon that introduce page or episode facts, not a speaker. */
const NOT_SPEAKERS = new Set(
  [
    "note", "notes", "editor's note", "editor’s note", "update", "updated", "correction", "transcript", "summary", "source",
    "sources", "disclaimer", "chapter", "chapters", "tags", "keywords", "date", "air date", "title", "show", "episode",
    "guests", "hosts", "speakers", "produced by", "copyright", "warning", "link", "links", "http", "https", "q", "a",
    "kind", "language", "topics", "credits", "duration",
  ].map((s) => s.toLowerCase()),
);

/**
 * Whether a label is one capitalised word (`Remember`, `Jane`): in running text that is as often
 * a word before a colon as a name, so readers accept it only with more evidence.
 *
 * @example
 * isSingleTitleWord("Remember"); // true
 * isSingleTitleWord("HOST"); // false
 */
export function isSingleTitleWord(label: string): boolean {
  return /^\p{Lu}[\p{Ll}\p{M}'’.\-]+$/u.test(label);
}

/**
 * Match a speaker label at the start of a transcript line: `NAME: text`, `>> NAME: text`,
 * `Speaker 1 (00:01):`, `[00:01:02] HOST: text`, `00:01:02 Speaker: text`, the Otter form
 * `Jane Smith  0:03`, or a bare `>>` marker. A label is `SPEAKER_01`/`Speaker 2`, words in capitals
 * (`AUDIE CORNISH, HOST`) or up to five capitalised words (`Ana Ruiz`); the colon must be
 * followed by a space or the end of the line (so `10:30` is no label). Returns null for plain text.
 *
 * @example
 * matchSpeakerLabel(">> ANA RUIZ: Welcome.")?.label; // "ANA RUIZ"
 * matchSpeakerLabel("Speaker 1 (00:01):")?.time; // 1
 */
export function matchSpeakerLabel(line: string): LabelMatch | null {
  // Every form has a colon (after the label or in its timestamp) or a `>>`.
  const colon = line.indexOf(":");
  if ((colon < 0 || colon > 320) && line.indexOf(">>") < 0) return null;
  if (line.length > 0 && line.length < 4000) {
    const m = LINE.exec(line.length > 300 ? line.slice(0, 300) : line);
    if (m && !NOT_SPEAKERS.has(m[4].toLowerCase()) && m[4].length <= 60 && /\p{L}/u.test(m[4])) {
      const labelStart = m.index + (m[1]?.length ?? 0) + m[0].slice(m[1]?.length ?? 0).indexOf(m[4]);
      const ts = m[2] ?? m[3] ?? m[5] ?? m[6] ?? m[7];
      return {
        marker: m[1] !== undefined,
        label: m[4],
        labelStart,
        labelEnd: labelStart + m[4].length,
        time: ts ? parseTimestamp(ts) : null,
        textStart: m[0].length,
      };
    }
  }
  const b = BARE_MARKER.exec(line);
  if (b) return { marker: true, label: null, labelStart: b[1].length, labelEnd: b[1].length, time: null, textStart: b[0].length };
  return null;
}
