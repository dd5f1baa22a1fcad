import type { StateData, StateGroupData } from "./load-taxonomy.js";
import { PhraseTrie } from "./phrase-trie.js";
import { tokenizeWords, type WordToken } from "./tokenize-words.js";
import { charClass, codePointAt, LETTER, UPPER } from "../clean/char-class.js";

/** A place found in a sentence: a state code, "DC", "US", or a group id ("group:red-states"). */
export interface PlaceMatch {
  code: string;
  text: string;
  start: number;
  end: number;
}

/** What a place phrase stands for. */
interface PlaceEntry {
  code: string;
  /** The bare name usually means something else ("Washington"); see {@link findPlaces}. */
  needsContext: boolean;
}

/** States, nation and groups compiled into one word trie; build with {@link compilePlaceMatcher}. */
export interface PlaceMatcher {
  trie: PhraseTrie<PlaceEntry>;
  /** USPS codes (upper case) to state codes; ambiguous ones in `ambiguous`. */
  codes: Map<string, string>;
  ambiguous: Set<string>;
}

const compiled = new WeakMap<StateData, WeakMap<StateGroupData, PlaceMatcher>>();

/**
 * Compile state names, aliases, demonyms, the nation's names and state-group terms into one trie
 * over stemmed words (cached per data objects).
 *
 * @example
 * const { states, groups } = loadTaxonomy();
 * extractStates(compilePlaceMatcher(states, groups), "Texans and New Yorkers"); // ["TX", "NY"]
 */
export function compilePlaceMatcher(states: StateData, groups: StateGroupData): PlaceMatcher {
  const inner = compiled.get(states) ?? new WeakMap<StateGroupData, PlaceMatcher>();
  compiled.set(states, inner);
  const hit = inner.get(groups);
  if (hit) return hit;
  const trie = new PhraseTrie<PlaceEntry>();
  const add = (phrase: string, code: string, caseSensitive = false, needsContext = false) => {
    const node = trie.add(phrase, caseSensitive);
    if (node) node.value = { code, needsContext };
  };
  const codes = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const s of states.states) {
    add(s.name, s.code, false, s.nameNeedsContext === true);
    for (const a of s.aliases ?? []) add(a, s.code, /[A-Z]\./.test(a) || a === a.toUpperCase());
    for (const d of s.demonyms) add(d, s.code);
    codes.set(s.code, s.code);
    if (s.ambiguousAbbreviation) ambiguous.add(s.code);
  }
  add(`${states.states.find((s) => s.nameNeedsContext)?.name ?? "Washington"} state`, "WA");
  add("state of Washington", "WA");
  for (const n of states.nation.names) add(n, states.nation.code);
  for (const n of (states.nation as { caseSensitiveNames?: string[] }).caseSensitiveNames ?? []) add(n, states.nation.code, true);
  for (const d of states.nation.demonyms) add(d, states.nation.code);
  for (const g of groups.groups) for (const t of g.terms) add(t, g.id);
  const matcher: PlaceMatcher = { trie, codes, ambiguous };
  inner.set(groups, matcher);
  return matcher;
}

const CASE_AFTER = /^\s+vs?\.?\s/;
const CASE_BEFORE = /\svs?\.?\s+$/;
const LIST_GLUE = /^(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*,\s*and\s+|\s*,\s*or\s+|\s*\/\s*)$/i;

/**
 * Find places in a sentence, left to right, longest match first ("West Virginia" is not also
 * "Virginia"). USPS codes count only in upper case; ambiguous codes ("IN", "OR", "ME", "OK")
 * only after a capitalised place name and a comma, followed by a comma, period, digits or the
 * end ("Portland, OR,"). A name that needs context ("Washington", usually the federal
 * government) counts only as "Washington state", "state of Washington", or in a list next to
 * another state ("Oregon and Washington"). Sentences mostly in upper case skip codes entirely. Parties to a court case ("Texas v.
 * Smith") are not places.
 *
 * @example
 * findPlaces(m, "Mississippi received $2.53, West Virginia $2.36").map((p) => p.code); // ["MS", "WV"]
 */
export function findPlaces(m: PlaceMatcher, text: string, tokens: readonly WordToken[] = tokenizeWords(text)): PlaceMatch[] {
  const out: (PlaceMatch & { needsContext: boolean })[] = [];
  let shouting: boolean | undefined;
  for (let i = 0; i < tokens.length; ) {
    const best = m.trie.longestAt(tokens, i);
    if (best) {
      out.push({ code: best.value.code, text: text.slice(tokens[i].start, tokens[best.end - 1].end), start: tokens[i].start, end: tokens[best.end - 1].end, needsContext: best.value.needsContext });
      i = best.end;
      continue;
    }
    const t = tokens[i];
    if (t.surface.length === 2 && m.codes.has(t.surface) && !(shouting ??= isShouting(text))) {
      if (!m.ambiguous.has(t.surface) || isPostalContext(text, tokens, i)) out.push({ code: t.surface, text: t.surface, start: t.start, end: t.end, needsContext: false });
    }
    i++;
  }
  return out.filter((p, k) => {
    // A party to a court case ("Texas v. Smith") is not a place the claim is about.
    if (CASE_AFTER.test(text.slice(p.end, p.end + 6)) || CASE_BEFORE.test(text.slice(Math.max(0, p.start - 6), p.start))) return false;
    if (!p.needsContext) return true;
    const isState = (q: PlaceMatch | undefined) => q !== undefined && /^[A-Z]{2}$/.test(q.code) && q.code !== "US";
    const prev = out[k - 1];
    const next = out[k + 1];
    return (isState(prev) && !out[k - 1].needsContext && LIST_GLUE.test(text.slice(prev.end, p.start))) || (isState(next) && !next.needsContext && LIST_GLUE.test(text.slice(p.end, next.start)));
  }).map((p) => ({ code: p.code, text: p.text, start: p.start, end: p.end }));
}

/** More than 12 letters, over 60 % of them upper case (counted in code units, as the regexes did). */
function isShouting(text: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 97 && c <= 122) letters++;
      else if (c >= 65 && c <= 90) {
        letters++;
        upper++;
      }
      continue;
    }
    const cp = codePointAt(text, i);
    const k = cp > 0xffff ? 2 : 1;
    const cls = charClass(cp);
    if (cls & LETTER) {
      letters += k;
      if (cls & UPPER) upper += k;
    }
    i += k - 1;
  }
  return letters > 12 && upper > letters * 0.6;
}

function isPostalContext(text: string, tokens: readonly WordToken[], i: number): boolean {
  if (i === 0) return false;
  const prev = tokens[i - 1];
  if (!/^\p{Lu}/u.test(prev.surface)) return false;
  if (!/^\s*,\s*$/.test(text.slice(prev.end, tokens[i].start))) return false;
  const after = text.slice(tokens[i].end, tokens[i].end + 3);
  return after === "" || /^(?:[,.;)]|\s+\d|\s*$)/.test(after);
}

/**
 * The distinct place codes of a sentence in order of first mention: state codes, "DC", "US"
 * and group ids.
 *
 * @example
 * const { states, groups } = loadTaxonomy();
 * extractStates(compilePlaceMatcher(states, groups), "blue states pay, red states cash the checks"); // ["group:blue-states", "group:red-states"]
 */
export function extractStates(m: PlaceMatcher, text: string, tokens?: readonly WordToken[]): string[] {
  const seen: string[] = [];
  for (const p of findPlaces(m, text, tokens)) if (!seen.includes(p.code)) seen.push(p.code);
  return seen;
}
