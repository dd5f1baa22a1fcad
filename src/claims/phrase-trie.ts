import { tokenizeWords, type WordToken } from "./tokenize-words.js";

/** A node of a {@link PhraseTrie}: its children and the value of the phrase that ends here, if any. */
export interface PhraseNode<T> {
  /** Children by stem (case-insensitive phrases). */
  next: Map<string, PhraseNode<T>>;
  /** Children by exact spelling (case-sensitive phrases), when there are any. */
  cs: Map<string, PhraseNode<T>> | undefined;
  /** Set by the caller on the node {@link PhraseTrie.add} returns. */
  value: T | undefined;
}

/** A phrase found by {@link PhraseTrie.longestAt}: the token after its last word, and its value. */
export interface PhraseHit<T> {
  end: number;
  value: T;
}

/**
 * Receives the phrases {@link PhraseTrie.eachMatch} finds. An object with a method rather than a
 * closure: on the topic tagger's hot path a closure per sentence measured ~4 % slower.
 */
export interface PhraseVisitor<T> {
  /** A phrase with value `value` over tokens [start, end). */
  hit(value: T, start: number, end: number): void;
}

const newNode = <T>(): PhraseNode<T> => ({ next: new Map(), cs: undefined, value: undefined });

/**
 * Phrases (a few words each) compiled into a trie over the words of {@link tokenizeWords}, so that
 * a sentence's tokens are matched against all of them in one walk per starting word. A phrase is
 * keyed by its words' stems ("New Yorkers" matches "new yorker"), or, when added as case-sensitive,
 * by their exact spelling ("U.S." but not "us"). Each phrase carries one value of type `T`, which
 * the caller sets (or merges into) on the node {@link add} returns. Shared by the places
 * (`extract-states.ts`) and topic terms (`tag-topics.ts`); the two walk it differently:
 * {@link longestAt} (a stem match wins over a spelling match at each word, longest phrase wins)
 * and {@link eachMatch} (every phrase, both kinds of match).
 *
 * @example
 * const t = new PhraseTrie<string>();
 * t.add("New York")!.value = "NY";
 * t.add("US", true)!.value = "US";
 * t.longestAt(tokenizeWords("in New York now"), 1); // { end: 3, value: "NY" }
 */
export class PhraseTrie<T> {
  readonly root: PhraseNode<T> = newNode<T>();

  /**
   * Insert a phrase and return the node its last word ends at, or undefined when it has no words
   * (nothing is inserted then). Case-sensitive phrases are keyed by the words as written.
   */
  add(phrase: string, caseSensitive = false): PhraseNode<T> | undefined {
    const words = tokenizeWords(phrase);
    if (words.length === 0) return undefined;
    let node = this.root;
    for (const w of words) {
      const map = caseSensitive ? (node.cs ??= new Map()) : node.next;
      const key = caseSensitive ? w.surface : w.stem;
      let child = map.get(key);
      if (!child) map.set(key, (child = newNode<T>()));
      node = child;
    }
    return node;
  }

  /**
   * The longest phrase with a value that starts at token `i`. At each word the child by stem is
   * taken, and the child by spelling only when there is none by stem.
   */
  longestAt(tokens: readonly WordToken[], i: number): PhraseHit<T> | undefined {
    let node: PhraseNode<T> | undefined = this.root;
    let end = -1;
    let value: T | undefined;
    for (let j = i; j < tokens.length && node; j++) {
      node = node.next.get(tokens[j].stem) ?? node.cs?.get(tokens[j].surface);
      if (node !== undefined && node.value !== undefined) {
        end = j + 1;
        value = node.value;
      }
    }
    return end < 0 ? undefined : { end, value: value! };
  }

  /**
   * Call `visit.hit(value, start, end)` for every phrase with a value in `tokens` (token range
   * [start, end)): by start word, and from each start depth first, following both the child by
   * stem and the child by spelling at each word (the stem branch first), shorter phrases before
   * the longer ones they begin.
   */
  eachMatch(tokens: readonly WordToken[], visit: PhraseVisitor<T>): void {
    for (let i = 0; i < tokens.length; i++) walk(this.root, tokens, i, i, visit);
  }
}

/** Walk the trie from `node` at token `j`, for phrases that start at token `i`. */
function walk<T>(node: PhraseNode<T>, tokens: readonly WordToken[], i: number, j: number, visit: PhraseVisitor<T>): void {
  if (j >= tokens.length) return;
  const a = node.next.get(tokens[j].stem);
  if (a) {
    if (a.value !== undefined) visit.hit(a.value, i, j + 1);
    walk(a, tokens, i, j + 1, visit);
  }
  const b = node.cs?.get(tokens[j].surface);
  if (b) {
    if (b.value !== undefined) visit.hit(b.value, i, j + 1);
    walk(b, tokens, i, j + 1, visit);
  }
}
