import type { Cue } from "../core/types.js";

const SIGN_OFF = /^[—–]\s?(\p{Lu}[\p{L}’'.-]*(?:\s\p{Lu}[\p{L}’'.-]*){0,2})$/u;

/**
 * The author of a single-voice text (a newsletter essay, a blog post) from its sign-off line:
 * a line that is only a dash and a name ("—David", "– Ana Ruiz"). Returns the name and the line's
 * cue index, or null. Used only when nothing else names the one speaker.
 *
 * @example
 * findSignature([cue("It is about power."), cue("—David")]); // { name: "David", cue: 1 }
 */
export function findSignature(cues: readonly Cue[]): { name: string; cue: number } | null {
  for (let i = cues.length - 1; i >= 0; i--) {
    const t = cues[i].text.text;
    if (t.length > 40 || (t.charCodeAt(0) !== 0x2014 && t.charCodeAt(0) !== 0x2013)) continue;
    const m = SIGN_OFF.exec(t.trim());
    if (m) return { name: m[1], cue: i };
  }
  return null;
}
