import type { NameRepair, Role } from "../core/types.js";
import { isSpace } from "../clean/char-class.js";
import { CALLER, cueMask, GUEST, LINE, SELF } from "./cue-words.js";

/** A person who speaks on air, as the show names them. */
export interface Participant {
  name: string;
  role: Role;
  /** Lower-case forms that refer to them: full name, first and last name, heard forms, title. */
  aliases: string[];
  /** The ASR spelling, when the show spells the name otherwise. */
  heardAs?: string;
  /** The words that introduced them. */
  evidence: string;
  /** Index of the turn that introduced them. */
  turn: number;
}

/** A reference to a participant inside a turn. */
export interface Reference {
  who: Participant;
  /** Offset in the turn's text. */
  at: number;
  end: number;
  kind: "vocative" | "intro" | "thanks" | "mention";
}

const NAME = "(\\p{Lu}[\\p{L}’'-]+(?:\\s+\\p{Lu}[\\p{L}’'-]+){1,2})";
const FIRST = "(\\p{Lu}[\\p{L}’'-]+)";
const LOOSE = "(\\p{Lu}[\\p{L}’'-]*(?:\\s+(?:\\p{Ll}{1,3}\\s+)?\\p{Lu}[\\p{L}’'-]*){0,2})";
const TITLES =
  "(?:Lieutenant Governor|Governor|Senator|Representative|Congressman|Congresswoman|Mayor|Secretary|Ambassador|Professor|Dr\\.|Doctor|Judge|Justice|Attorney General|Assemblymember|Supervisor|Commissioner|Councilmember|Chief)";

const SELF_INTRO = new RegExp(`\\b(?:I'm|I am|my name is)\\s+${NAME}`, "gu");
const GUEST_INTRO = new RegExp(
  `\\b(?:[Jj]oined by|[Tt]alking with|[Tt]alking to|[Ss]peaking with|[Mm]y guest is|[Oo]ur guest is|joined by|joined now by|also joined by|we've got|with us is|with us now is|we're talking with|we are talking with|speaking with|my guest is|our guest is)\\s+(?:${TITLES}\\s+)?${NAME}((?:,|\\s+a|\\s+an|\\s+the)?\\s+(?:[\\p{Ll}-]+\\s+){0,4}(?:of|at|for|from)\\s+[^.,]+)?`,
  "gu",
);
const CALLER_INTRO = new RegExp(`\\b(?:[Bb]ring in|go to|going to|let's hear from|hear from)\\s+(?:(?:caller|color|collar|listener|our caller)\\s+)?${FIRST}(?:\\s+(?:in|from)\\s+(\\p{Lu}[\\p{L}]+(?:\\s+\\p{Lu}[\\p{L}]+)?))`, "gu");
const ON_THE_LINE = new RegExp(`${LOOSE}\\s+(?:is|are)\\s+(?:on the line|on the phone|calling in)`, "gu");

/**
 * Find the people who speak on air from what is said about them: the host's self-introduction
 * ("I'm Ana Ruiz"), guest introductions with an affiliation ("We're joined by X, editor of
 * Y"), callers brought in ("let's bring in Rosa in Fargo", "X is on the line"). Names are
 * respelled with the clean stage's repairs (the heard form is kept in `heardAs`), and a title said
 * next to a name in the transcript ("Mayor X", "X, Mayor of …")
 * becomes an alias, so "Mayor, what do you think?" addresses that person. `masks` are the texts'
 * {@link cueMask}s (computed when not given): each pattern runs only on texts holding one of the
 * literal words it cannot match without.
 *
 * @example
 * findParticipants(["Welcome, I'm Ana Ruiz. We're joined by Bo Li, professor of law at X."], []);
 */
export function findParticipants(texts: readonly string[], repairs: readonly NameRepair[], hostWindow = 0.15, masks: readonly number[] = texts.map(cueMask)): Participant[] {
  const people: Participant[] = [];
  const respell = new Map(repairs.map((r) => [r.heard, r.name] as const));
  const find = (name: string) => {
    const key = name.toLowerCase();
    return people.find((p) => p.aliases.includes(key) || p.name.toLowerCase() === key);
  };
  const add = (heard: string, role: Role, evidence: string, turn: number): Participant => {
    const name = respell.get(heard) ?? heard;
    const existing = find(name) ?? find(heard);
    if (existing) {
      if (existing.role === "guest" && role === "caller") existing.role = role;
      if (name.split(/\s+/).length > existing.name.split(/\s+/).length && existing.name.split(/\s+/)[0] === name.split(/\s+/)[0]) existing.name = name;
      addAliases(existing, name, heard);
      return existing;
    }
    const p: Participant = { name, role, aliases: [], evidence, turn };
    if (name !== heard) p.heardAs = heard;
    addAliases(p, name, heard);
    people.push(p);
    return p;
  };
  const hostLimit = Math.max(3, Math.ceil(texts.length * hostWindow));
  const selfCounts = new Map<string, number>();
  // Each pattern runs only on texts holding one of the literal words it cannot match without.
  const selfIntros = texts.map((t, i) => ((masks[i] & SELF) !== 0 ? [...t.matchAll(SELF_INTRO)] : []));
  selfIntros.forEach((ms, i) => {
    for (const m of ms) selfCounts.set(m[1], (selfCounts.get(m[1]) ?? 0) + (i < hostLimit ? 2 : 1));
  });
  selfIntros.forEach((ms, i) => {
    for (const m of ms) if ((selfCounts.get(m[1]) ?? 0) >= 2) add(m[1], "host", `self-introduction: "${m[0]}"`, i);
  });
  texts.forEach((t, i) => {
    if ((masks[i] & GUEST) !== 0)
      for (const m of t.matchAll(GUEST_INTRO)) {
        if (find(m[1])?.role === "host") continue;
        add(m[1], "guest", `introduced: "${m[0].trim()}"`, i);
      }
    if ((masks[i] & CALLER) !== 0) for (const m of t.matchAll(CALLER_INTRO)) add(m[1], "caller", `caller brought in: "${m[0]}"`, i);
    if ((masks[i] & LINE) !== 0) for (const m of t.matchAll(ON_THE_LINE)) {
      const heard = m[1].trim();
      if (heard.length < 2) continue;
      const p = add(heard, "caller", `on the line: "${m[0]}"`, i);
      p.role = "caller";
    }
  });
  // Every misheard form of a participant's name refers to them too.
  for (const r of repairs) for (const p of people) if (p.name === r.name) addAliases(p, r.name, r.heard);
  // Titles said next to a person's name become aliases of that person.
  if (people.length === 0) return people;
  const all = texts.join("\n");
  const allLower = all.toLowerCase();
  // Where lower-casing keeps every position and agrees with the regexes' case folding, a title
  // match can only sit at an occurrence of the name: look there instead of scanning the whole text.
  const fast = allLower.length === all.length && !FOLD_DIFFERS.test(all);
  for (const p of people) {
    const forms = [p.name, ...(p.heardAs ? [p.heardAs] : []), ...p.aliases.filter((a) => a.includes(" "))];
    // The name and its lower-case alias find the same titles (the scan ignores case): scan once.
    const scanned = new Set<string>();
    for (const f of new Set(forms)) {
      const esc = f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (fast && !FOLD_DIFFERS.test(f)) {
        const key = f.toLowerCase();
        if (scanned.has(key)) continue;
        scanned.add(key);
        for (const t of titlesNextTo(all, allLower, f, esc)) addAlias(p, t);
        continue;
      }
      const before = new RegExp(`(${TITLES}),?\\s+${esc}\\b`, "giu");
      const after = new RegExp(`\\b${esc},\\s+(${TITLES})\\b`, "giu");
      for (const m of all.matchAll(before)) addAlias(p, m[1]);
      for (const m of all.matchAll(after)) addAlias(p, m[1]);
    }
  }
  return people;
}

/**
 * Characters whose case-insensitive (`iu`) matching differs from comparing `toLowerCase()`
 * forms (found by testing every code point): with one of them in the text or the name, use the
 * plain scan.
 */
const FOLD_DIFFERS = /[\u00b5\u0130\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80-\u1c88\u1e9b\u1fbe]/u;
/** Longest title in {@link TITLES}: a title before a name starts at most this far (plus a comma) before its whitespace. */
const LONGEST_TITLE = Math.max(...TITLES.slice(3, -1).split("|").map((t) => t.replace(/\\/g, "").length));

/**
 * The titles said next to a form of a name, in the order the two scans
 * `all.matchAll(/(TITLES),?\s+form\b/giu)` then `all.matchAll(/\bform,\s+(TITLES)\b/giu)` give
 * them, trying the same patterns (sticky) only at the form's occurrences.
 */
function titlesNextTo(all: string, allLower: string, form: string, esc: string): string[] {
  const key = form.toLowerCase();
  const occurrences: number[] = [];
  for (let q = allLower.indexOf(key); q >= 0; q = allLower.indexOf(key, q + 1)) occurrences.push(q);
  if (occurrences.length === 0) return [];
  const before = new RegExp(`(${TITLES}),?\\s+${esc}\\b`, "iuy");
  const after = new RegExp(`\\b${esc},\\s+(${TITLES})\\b`, "iuy");
  const out: string[] = [];
  // Title first: it ends at the whitespace before the occurrence (or at a comma just before it).
  const starts: number[] = [];
  for (const q of occurrences) {
    let w = q;
    while (w > 0 && isSpace(all.charCodeAt(w - 1))) w--;
    if (w === q) continue;
    for (let p = Math.max(0, w - 1 - LONGEST_TITLE); p < w; p++) starts.push(p);
  }
  starts.sort((a, b) => a - b);
  let lastEnd = 0;
  let prev = -1;
  for (const p of starts) {
    if (p === prev || p < lastEnd) continue;
    prev = p;
    before.lastIndex = p;
    const m = before.exec(all);
    if (!m) continue;
    out.push(m[1]);
    lastEnd = m.index + m[0].length;
  }
  lastEnd = 0;
  for (const q of occurrences) {
    if (q < lastEnd) continue;
    after.lastIndex = q;
    const m = after.exec(all);
    if (!m) continue;
    out.push(m[1]);
    lastEnd = m.index + m[0].length;
  }
  return out;
}

function addAliases(p: Participant, name: string, heard: string): void {
  for (const n of [name, heard]) {
    addAlias(p, n);
    const parts = n.split(/\s+/);
    if (parts.length >= 2) {
      addAlias(p, parts[0]);
      addAlias(p, parts[parts.length - 1]);
    }
  }
}

function addAlias(p: Participant, a: string): void {
  const k = a.toLowerCase();
  if (k.length >= 2 && !p.aliases.includes(k)) p.aliases.push(k);
}

/**
 * Find references to participants in a turn's text, in order, and tell a vocative ("Sam, what
 * do you think?", "Welcome, Rosa.") from an introduction ("joined by X"), a thanks ("Thank you,
 * Rosa.") and a plain mention ("what the Mayor said").
 *
 * @example
 * findReferences("Thanks, Rosa. Sam, what do you think?", people).map((r) => r.kind); // ["thanks", "vocative"]
 */
export function findReferences(text: string, people: readonly Participant[], pattern = aliasPattern(people)): Reference[] {
  const out: Reference[] = [];
  if (!pattern) return out;
  const found = pattern.find(text);
  for (let f = 0; f < found.length; f += 2) {
    const index = found[f];
    const end = found[f + 1];
    // Only capitalised matches count: look at the first character before copying the match.
    const c = text.charCodeAt(index);
    if (c < 128 && !(c >= 65 && c <= 90)) continue;
    const m0 = text.slice(index, end);
    if (!/^\p{Lu}/u.test(m0)) continue;
    const key = m0.toLowerCase();
    const who = people.find((p) => p.aliases.includes(key));
    if (!who) continue;
    const before = text.slice(Math.max(0, index - 40), index);
    const after = text.slice(end, end + 3);
    let kind: Reference["kind"] = "mention";
    const rest = text.slice(end, end + 30);
    if (/(?:joined by|bring in|we've got|with us is|welcome(?: back)?,?|go to|hear from|been joined by)\s+(?:\p{Ll}+\s+)?(?:\p{Lu}\p{L}*,?\s+)?$/iu.test(before)) kind = "intro";
    else if (/^\s+(?:is|are) (?:on the line|on the phone|calling in|with us)/.test(rest)) kind = "intro";
    else if (/\b(?:thanks?|thank you(?: so much)?|thanks so much)(?: again)?,?\s+$/i.test(before)) kind = "thanks";
    else if (/^\s*[,?.!]/.test(after) && !/^’s|^'s/.test(after) && !/\b(?:by|with|of|to|from|for|and|about|the|like|as|at|said|says|is|in|on|what|Ms\.?|Mr\.?|Mrs\.?|Dr\.?)\s+$/i.test(before)) kind = "vocative";
    out.push({ who, at: index, end, kind });
  }
  return out;
}

/** Every participant's aliases as one pattern (longest first); callers keep only capitalised matches. */
export function aliasPattern(people: readonly Participant[]): AliasPattern | undefined {
  const aliases = [...new Set(people.flatMap((p) => p.aliases))].sort((a, b) => b.length - a.length);
  return aliases.length === 0 ? undefined : new AliasPattern(aliases);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `/^[\p{L}]$/iu`: what the look-arounds of {@link AliasPattern} treat as a letter. */
const LETTER_IU = /^[\p{L}]$/iu;
/** {@link LETTER_IU} per BMP code unit: 0 not yet tested, 1 no, 2 yes. */
const LETTER_IU_BMP = new Uint8Array(0x10000);
/** The only characters besides ASCII that match an ASCII letter under `iu` (ſ → s, Kelvin sign → k). */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;

/**
 * The aliases of the people on air as one pattern: the regex
 * `/(?<![\p{L}])(?:alias|…)(?![\p{L}])/giu`, aliases longest first. Built with its two `\p{L}`
 * classes under `iu`, that regex costs some 0.1 ms, more than running it over a whole episode; so
 * where the aliases are ASCII (and the text has no ſ or Kelvin sign, which `iu` folds to ASCII
 * letters), a cheap ASCII regex finds the candidates and each one is checked in place against the
 * exact look-arounds. The exact regexes are built only when a text needs them.
 */
export class AliasPattern {
  /** Per ASCII code unit: the aliases that can start with it, in the pattern's order; or null. */
  private readonly byFirst: (AliasAlternative[] | null)[] = new Array<AliasAlternative[] | null>(128).fill(null);
  /** Whether every alias is ASCII (the candidate search needs it). */
  private readonly ascii: boolean;
  /** `(?<![A-Za-z])(?:alias|…)(?![A-Za-z])`, flags `gi`: a superset of the matches, in ASCII text. */
  private candidates?: RegExp;
  /** The exact pattern, global, when built. */
  private regex?: RegExp;
  /** The exact pattern, sticky (tried at one position), when built. */
  private sticky?: RegExp;

  constructor(readonly aliases: readonly string[]) {
    this.ascii = aliases.every((a) => !/[^\x00-\x7f]/.test(a));
    if (!this.ascii) return;
    for (const alias of aliases) {
      const alt: AliasAlternative = { alias };
      const c = alias.charCodeAt(0);
      (this.byFirst[c] ??= []).push(alt);
      // Aliases are lower case: the upper-case letter starts them too.
      if (c >= 97 && c <= 122) (this.byFirst[c - 32] ??= []).push(alt);
    }
  }

  /** The matches of the pattern in `text`, in order, as start and end offsets one after the other. */
  find(text: string): number[] {
    const out: number[] = [];
    if (!this.ascii || FOLDS_TO_ASCII.test(text)) {
      this.regex ??= new RegExp(this.source(), "giu");
      this.regex.lastIndex = 0;
      for (let m = this.regex.exec(text); m; m = this.regex.exec(text)) out.push(m.index, m.index + m[0].length);
      return out;
    }
    // Every match is a candidate: the alias matches there case-insensitively with no ASCII letter
    // around it. A candidate is a match when the exact look-arounds hold for one of the aliases.
    const re = (this.candidates ??= new RegExp(`(?<![A-Za-z])(?:${this.aliases.map(escapeRegex).join("|")})(?![A-Za-z])`, "gi"));
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = this.matchAt(text, m.index);
      if (end >= 0) {
        out.push(m.index, end);
        re.lastIndex = end;
      } else re.lastIndex = m.index + 1;
    }
    return out;
  }

  /** The end of the exact pattern's match at `pos` (where an ASCII character stands), or -1. */
  private matchAt(text: string, pos: number): number {
    const alts = this.byFirst[text.charCodeAt(pos)];
    if (alts === null) return -1;
    const prev = pos > 0 ? text.charCodeAt(pos - 1) : 32;
    if (prev >= 0xd800 && prev <= 0xdfff) {
      // A code point outside the BMP before: the regex decides.
      this.sticky ??= new RegExp(this.source(), "iuy");
      this.sticky.lastIndex = pos;
      const m = this.sticky.exec(text);
      return m ? pos + m[0].length : -1;
    }
    if (prev < 128 ? isAsciiLetter(prev) : isLetterIu(prev)) return -1;
    for (const alt of alts) {
      const end = alternativeAt(text, pos, alt);
      if (end >= 0) return end;
    }
    return -1;
  }

  private source(): string {
    return `(?<![\\p{L}])(?:${this.aliases.map(escapeRegex).join("|")})(?![\\p{L}])`;
  }
}

interface AliasAlternative {
  /** An ASCII alias, lower case. */
  alias: string;
  /** This alternative alone with the pattern's look-arounds, sticky (built when first needed). */
  sticky?: RegExp;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Whether a BMP code unit is a letter to the look-arounds `(?<![\p{L}])`, `(?![\p{L}])` (flags `iu`). */
function isLetterIu(c: number): boolean {
  let v = LETTER_IU_BMP[c];
  if (v === 0) LETTER_IU_BMP[c] = v = LETTER_IU.test(String.fromCharCode(c)) ? 2 : 1;
  return v === 2;
}

/**
 * End of the one alternative `alt` matched at `pos` with the exact look-arounds (the one before
 * `pos` holds), or -1: compared in place where the text is ASCII (ASCII case folding is the
 * regex's there), else by the alternative's own regex.
 */
function alternativeAt(text: string, pos: number, alt: AliasAlternative): number {
  const a = alt.alias;
  // Each character of an ASCII alias matches one UTF-16 unit of the text.
  const end = pos + a.length;
  if (end > text.length) return -1;
  let k = 0;
  for (; k < a.length; k++) {
    const c = text.charCodeAt(pos + k);
    if (c >= 128) break;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== a.charCodeAt(k)) return -1;
  }
  if (k === a.length) {
    if (end === text.length) return end;
    const next = text.charCodeAt(end);
    if (next < 128) return isAsciiLetter(next) ? -1 : end;
    if (next < 0xd800 || next > 0xdfff) return isLetterIu(next) ? -1 : end;
  }
  alt.sticky ??= new RegExp(`(?<![\\p{L}])(?:${escapeRegex(a)})(?![\\p{L}])`, "iuy");
  alt.sticky.lastIndex = pos;
  const m = alt.sticky.exec(text);
  return m ? pos + m[0].length : -1;
}
