import type { TopicTag } from "../core/types.js";
import type { TopicTaxonomy } from "./load-taxonomy.js";
import { PhraseTrie, type PhraseVisitor } from "./phrase-trie.js";
import { tokenizeWords, type WordToken } from "./tokenize-words.js";

/** A topic hit of a term: topic index and, for context-gated terms, the gate index (else -1). */
interface TermHit {
  topic: number;
  gate: number;
}

/** A taxonomy compiled into a word trie; build once with {@link compileTopicMatcher}. */
export interface TopicMatcher {
  taxonomy: TopicTaxonomy;
  /** Per term, the topic hits that end there. */
  trie: PhraseTrie<TermHit[]>;
  /** Per topic, per gate: the stems of its context words. */
  gates: Set<string>[][];
  window: number;
}

const compiled = new WeakMap<TopicTaxonomy, TopicMatcher>();
const NO_CONTEXT: ReadonlySet<string> = new Set();

/**
 * Compile a taxonomy once into a trie over stemmed words (cached per taxonomy object). Matching
 * is then linear in the sentence: at each word the trie is walked for at most the longest term.
 *
 * @example
 * const m = compileTopicMatcher(loadTaxonomy().topics);
 * tagTopics(m, "The SALT cap hurt New Jersey.")[0].id; // "salt"
 */
export function compileTopicMatcher(taxonomy: TopicTaxonomy): TopicMatcher {
  const hit = compiled.get(taxonomy);
  if (hit) return hit;
  const trie = new PhraseTrie<TermHit[]>();
  const add = (phrase: string, topic: number, gate: number, caseSensitive: boolean) => {
    const node = trie.add(phrase, caseSensitive);
    if (!node) return;
    const hits = (node.value ??= []);
    if (!hits.some((h) => h.topic === topic && h.gate === gate)) hits.push({ topic, gate });
  };
  const gates: Set<string>[][] = [];
  taxonomy.topics.forEach((t, i) => {
    for (const term of t.terms) add(term, i, -1, false);
    for (const term of t.caseSensitiveTerms ?? []) add(term, i, -1, true);
    gates.push(
      (t.contextTerms ?? []).map((g, k) => {
        for (const term of g.terms) add(term, i, k, false);
        return new Set(g.context.flatMap((c) => tokenizeWords(c).map((w) => w.stem)));
      }),
    );
  });
  const matcher: TopicMatcher = { taxonomy, trie, gates, window: taxonomy.contextWindow ?? 1 };
  compiled.set(taxonomy, matcher);
  return matcher;
}

/** A raw match: topic index, gate index (-1 = plain term), the words, and the token range. */
interface TermMatch {
  topic: number;
  gate: number;
  text: string;
  from: number;
  to: number;
}

/** Every term occurrence of the sentence, as {@link PhraseTrie.eachMatch} finds them. */
function findTerms(m: TopicMatcher, tokens: readonly WordToken[], text: string): TermMatch[] {
  const c = new TermCollector(tokens, text);
  m.trie.eachMatch(tokens, c);
  return c.out;
}

/** Collects the trie's hits as {@link TermMatch}es, one per topic hit of each term found. */
class TermCollector implements PhraseVisitor<TermHit[]> {
  readonly out: TermMatch[] = [];
  constructor(readonly tokens: readonly WordToken[], readonly text: string) {}
  hit(hits: TermHit[], from: number, to: number): void {
    for (const h of hits) this.out.push({ topic: h.topic, gate: h.gate, text: this.text.slice(this.tokens[from].start, this.tokens[to - 1].end), from, to });
  }
}

/**
 * Tag one sentence with topics. `tokens` are the sentence's words (from `tokenizeWords(text)`),
 * `context` the stems of the neighbouring sentences (same turn, ± the taxonomy's window), or a
 * function that builds them (called at most once, and only when a context-gated term is found); a gated term never counts as its own context. Each tag keeps the
 * words that triggered it, in order of appearance. Tags are ordered by weight, then id.
 *
 * @example
 * const m = compileTopicMatcher(loadTaxonomy().topics);
 * tagTopicTokens(m, "talk of succession", tokenizeWords("talk of succession"), new Set(["state"]));
 */
export function tagTopicTokens(m: TopicMatcher, text: string, tokens: readonly WordToken[], context: ReadonlySet<string> | (() => ReadonlySet<string>) = NO_CONTEXT): TopicTag[] {
  const found = findTerms(m, tokens, text);
  if (found.length === 0) return [];
  const passed: TermMatch[] = [];
  for (const f of found) {
    if (f.gate >= 0) {
      const gate = m.gates[f.topic][f.gate];
      let ok = false;
      for (let k = 0; k < tokens.length && !ok; k++) if ((k < f.from || k >= f.to) && gate.has(tokens[k].stem)) ok = true;
      if (!ok) {
        if (typeof context === "function") context = context();
        for (const c of context) if (gate.has(c)) { ok = true; break; }
      }
      if (!ok) continue;
    }
    passed.push(f);
  }
  // A term inside a longer term of the same topic ("salt" in "salt tax deduction") is not listed.
  const byTopic = new Map<number, string[]>();
  for (const f of passed) {
    if (passed.some((g) => g !== f && g.topic === f.topic && g.from <= f.from && g.to >= f.to && g.to - g.from > f.to - f.from)) continue;
    const list = byTopic.get(f.topic) ?? [];
    if (!list.includes(f.text)) list.push(f.text);
    byTopic.set(f.topic, list);
  }
  return [...byTopic.entries()]
    .map(([i, terms]) => ({ i, tag: { id: m.taxonomy.topics[i].id, label: m.taxonomy.topics[i].label, terms } }))
    .sort((a, b) => m.taxonomy.topics[b.i].weight - m.taxonomy.topics[a.i].weight || a.tag.id.localeCompare(b.tag.id))
    .map((x) => x.tag);
}

/**
 * Tag a sentence with topics; `context` holds the neighbouring sentences' text.
 * Convenience over {@link tagTopicTokens} for tests and one-off use.
 *
 * @example
 * tagTopics(compileTopicMatcher(loadTaxonomy().topics), "National Guards in cities").map((t) => t.id); // ["national-guard"]
 */
export function tagTopics(m: TopicMatcher, text: string, context: readonly string[] = []): TopicTag[] {
  const ctx = new Set<string>();
  for (const c of context) for (const w of tokenizeWords(c)) ctx.add(w.stem);
  return tagTopicTokens(m, text, tokenizeWords(text), ctx);
}

/**
 * The weight of a topic id in a taxonomy (1 when unknown).
 *
 * @example
 * topicWeight(loadTaxonomy().topics, "media"); // 1
 */
export function topicWeight(taxonomy: TopicTaxonomy, id: string): number {
  return taxonomy.topics.find((t) => t.id === id)?.weight ?? 1;
}


/**
 * A cheap pre-filter for {@link tagTopicTokens}: a function that returns false only when no topic
 * `wanted(topicIndex)` can be tagged in a sentence, without tokenising it. A term matches
 * consecutive words, so the sentence has all its words, in order. A token's stem is a prefix of
 * the lower-cased token (`’` as `'`), except that `-ies` becomes `-y`; so a term word with stem
 * `s` can only occur where the lower-cased text contains `s` without a final `y`. Two tests, the
 * cheap one first: one word of each term (its longest) somewhere; then the two longest words of
 * each term in their order. Case-sensitive terms are looked for as they are spelled (one word).
 * Returns a constant `true` tester when a word is not plain ASCII (lower-casing a whole text and
 * a single word then need not agree).
 *
 * @example
 * const m = compileTopicMatcher(loadTaxonomy().topics);
 * compileTopicPrefilter(m, () => true)("Nothing to see here"); // false
 */
export function compileTopicPrefilter(m: TopicMatcher, wanted: (topicIndex: number) => boolean): (text: string) => boolean {
  const one = new Set<string>();
  const inOrder = new Set<string>();
  const exact = new Set<string>();
  const escape = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const byLength = (words: string[]) => words.map((_, i) => i).sort((a, b) => words[b].length - words[a].length || a - b);
  let gated = true;
  const plainAscii = (k: string) => k.length > 0 && /^[\x20-\x7e]+$/.test(k);
  m.taxonomy.topics.forEach((t, i) => {
    if (!wanted(i)) return;
    const plain = [...t.terms, ...(t.contextTerms ?? []).flatMap((g) => g.terms)];
    for (const term of plain) {
      const words = tokenizeWords(term).map((w) => w.stem.replace(/y$/, ""));
      if (words.length === 0) continue;
      if (!words.every(plainAscii)) gated = false;
      const [a, b] = byLength(words);
      one.add(escape(words[a]));
      inOrder.add(b === undefined ? escape(words[a]) : `${escape(words[Math.min(a, b)])}[\\s\\S]*?${escape(words[Math.max(a, b)])}`);
    }
    for (const term of t.caseSensitiveTerms ?? []) {
      const words = tokenizeWords(term).map((w) => w.surface);
      if (words.length === 0) continue;
      if (!words.every(plainAscii)) gated = false;
      exact.add(escape(words[byLength(words)[0]]));
    }
  });
  if (!gated) return () => true;
  const alternation = (keys: Set<string>) => (keys.size === 0 ? null : new RegExp([...keys].join("|")));
  const oneRe = alternation(one);
  const inOrderRe = alternation(inOrder);
  const exactRe = alternation(exact);
  return (text) => {
    if (exactRe !== null && exactRe.test(text)) return true;
    if (oneRe === null || inOrderRe === null) return false;
    const lower = lowerForStems(text);
    return oneRe.test(lower) && inOrderRe.test(lower);
  };
}

/** The text lower-cased with `’` as `'`, as {@link stemWord} reads a word. */
function lowerForStems(text: string): string {
  const t = text.toLowerCase();
  return t.includes("’") ? t.replace(/’/g, "'") : t;
}
