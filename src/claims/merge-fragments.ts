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
  let open: { first: number; last: number; start: number; end: number; normals: string[]; gluedNext: boolean[] } | null = null;
  const close = () => {
    if (!open) return;
    const own = turn.sentences[open.first].text;
    // A unit of one sentence found where that sentence sits is that sentence's text: no new slice.
    const same = open.first === open.last && sameMap(own.src, turn.text.src, open.start, open.end);
    const text = open.start >= 0 && !same ? turn.text.slice(open.start, open.end) : own;
    let normal = open.normals[0];
    for (let k = 1; k < open.normals.length; k++) normal += (open.gluedNext[k - 1] ? "" : " ") + open.normals[k];
    units.push({ turn, first: open.first, last: open.last, text, normal });
    open = null;
  };
  turn.sentences.forEach((s, i) => {
    const at = s.text.text.length > 0 ? full.indexOf(s.text.text, cursor) : -1;
    if (at < 0) {
      close();
      units.push({ turn, first: i, last: i, text: s.text, normal: s.normal });
      return;
    }
    const end = at + s.text.text.length;
    if (open && open.start >= 0) {
      const gap = full.slice(open.end, at);
      const glued = gap === "";
      const prevText = full.slice(open.start, open.end);
      if (glued || (/^\s+$/.test(gap) && ABBREVIATION_END.test(prevText))) {
        open.gluedNext.push(glued);
        open.last = i;
        open.end = end;
        open.normals.push(s.normal);
        cursor = end;
        return;
      }
    }
    close();
    open = { first: i, last: i, start: at, end, normals: [s.normal], gluedNext: [] };
    cursor = end;
  });
  close();
  return units;
}

/** Whether `a` equals `b[start, end)` (the text there is already known to be the same). */
function sameMap(a: Int32Array, b: Int32Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}
