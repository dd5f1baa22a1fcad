import type { MappedText } from "../core/mapped-text.js";
import type { Turn } from "../core/types.js";

/** One or more consecutive sentences of a turn read as one sentence (split fragments re-joined). */
export interface SentenceUnit {
  turn: Turn;
  /** Index of the unit's first sentence in `turn.sentences`. */
  first: number;
  /** Index of its last sentence (inclusive). */
  last: number;
  text: MappedText;
  normal: string;
}

const ABBREVIATION_END = /(?:\b[A-Z]\.|\b(?:v|vs|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Gov|Sen|Rep|Lt|Gen|Prof|Mt|Ft|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$/;

/**
 * Re-join sentences that an upstream splitter cut inside a token: when nothing separates two
 * sentences in the turn's text ("$0." + "91", "forum@kqe." + "org", "U." + "S."), or when the
 * first ends with an initial or a common abbreviation ("Texas v." + "Smith", "Ms." + "Lee").
 * Sentences are located in `turn.text` by their text, in order; one that cannot be found is
 * kept as it is. Linear in the turn's length. A no-op once the splitter gets these right.
 *
 * @example
 * mergeFragments(turn).map((u) => u.text.text); // ["New York got $0.93.", …] from ["New York got $0.", "93.", …]
 */
export function mergeFragments(turn: Turn): SentenceUnit[] {
  const units: SentenceUnit[] = [];
  const full = turn.text.text;
  let cursor = 0;
  // The unit being built: sentences first..last at [start, end) of the turn text, and its normal
  // form so far (fragments glued without a space, the others joined by one).
  let first = -1;
  let last = -1;
  let start = -1;
  let end = -1;
  let normal = "";
  const close = () => {
    if (first < 0) return;
    const own = turn.sentences[first].text;
    // A unit of one sentence found where that sentence sits is that sentence's text: no new slice.
    const same = first === last && sameMap(own.src, turn.text.src, start, end);
    units.push({ turn, first, last, text: same ? own : turn.text.slice(start, end), normal });
    first = -1;
  };
  const sentences = turn.sentences;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    const at = s.text.text.length > 0 ? full.indexOf(s.text.text, cursor) : -1;
    if (at < 0) {
      close();
      units.push({ turn, first: i, last: i, text: s.text, normal: s.normal });
      continue;
    }
    const sEnd = at + s.text.text.length;
    if (first >= 0) {
      const glued = at === end;
      if (glued || (isBlank(full, end, at) && ABBREVIATION_END.test(full.slice(Math.max(start, end - ABBREVIATION_TAIL), end)))) {
        last = i;
        end = sEnd;
        normal += (glued ? "" : " ") + s.normal;
        cursor = sEnd;
        continue;
      }
    }
    close();
    first = last = i;
    start = at;
    end = sEnd;
    normal = s.normal;
    cursor = sEnd;
  }
  close();
  return units;
}

/**
 * How many characters at the end of a sentence {@link ABBREVIATION_END} needs to see: its longest
 * alternative ("Sept.", 5) and the character before it, which decides its `\b`.
 */
const ABBREVIATION_TAIL = 8;

/** Whether `s[from, to)` is not empty and all whitespace (as `/^\s+$/`). */
function isBlank(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !/\s/.test(s[i])) return false;
  }
  return true;
}

/** Whether `a` equals `b[start, end)` (the text there is already known to be the same). */
function sameMap(a: Int32Array, b: Int32Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  // A view on the same memory (a sentence sliced from its turn) is equal without a look.
  if (a.buffer === b.buffer && a.byteOffset === b.byteOffset + start * Int32Array.BYTES_PER_ELEMENT) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}
