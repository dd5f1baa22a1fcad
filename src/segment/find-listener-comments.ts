import { CUE_WORDS, wordsPattern } from "./cue-words.js";

/** A listener comment the host reads out: who wrote it and which sentences are theirs. */
export interface ListenerComment {
  claimant: string;
  /** Indices of the sentences (of the turn) that carry the comment. */
  sentences: number[];
  /** The words that introduced it. */
  evidence: string;
}

const VERB = "(?:[Ww]rites(?: in)?(?: to say)?|[Ww]rights|[Rr]ights|[Ww]rote(?: in)?|[Ee]mails|[Ee]mailed|[Tt]weets|[Tt]weeted|[Pp]osts|[Pp]osted|[Cc]omments|[Mm]essages)";
const ASKS = "(?:says|said|asks|asked)";
/** "Omar writes", "listener Jo writes in to say", "one listener on social media rights", "As Kim, one of our listeners asked". */
const INTRO = new RegExp(
  [
    `\\b(?:[Ll]istener|[Oo]ne listener|[Aa] listener|[Aa]nother listener)\\s+(?:(\\p{Lu}\\p{Ll}+)\\s+)?(?:[^.?!]{0,40}?\\s)?(?:${VERB}|${ASKS})\\b`,
    `\\b(\\p{Lu}\\p{Ll}+),?\\s+(?:one of our listeners|a listener|our listener)[^.?!]{0,20}?\\s(?:${VERB}|${ASKS})\\b`,
    `(?<!\\p{Lu}\\p{L}*\\s)\\b(\\p{Lu}\\p{Ll}+)\\s+${VERB}\\b`,
  ].join("|"),
  "gu",
);
/** Sentences in which the host's own voice comes back. */
const HOST_VOICE =
  /^(?:and of course|of course|i assume|i mean|i think|i'm sure|lots to|thank|thanks|we're|we are|we've|we have|what do you think|let's|right[,?.]|okay|ok[,.]|so,? let|well,? let|anyway)/i;

/**
 * Find listener comments read out in a turn: an introduction ("Omar writes", "listener Jo
 * writes in to say", "one listener on social media rights", "As Kim, one of our listeners asked")
 * starts a comment; it runs over the following sentences until the host's own voice comes back
 * (a thanks, "I mean", "Of course", a question to a participant, another comment) or the turn
 * ends. An unnamed listener is "listener". The sentence with the introduction belongs to the
 * comment when the comment's words follow the introduction in it.
 *
 * @example
 * findListenerComments(["Omar writes, I love it.", "I mean, fair."]); // [{ claimant: "Omar", sentences: [0] }]
 */
export function findListenerComments(sentences: readonly string[], addressesSomeone: (i: number) => boolean = () => false, maxSentences = 6): ListenerComment[] {
  const out: ListenerComment[] = [];
  let current: ListenerComment | undefined;
  sentences.forEach((s, i) => {
    INTRO.lastIndex = 0;
    const m = mayIntroduce(s) ? INTRO.exec(s) : null;
    const name = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
    if (m && !(name && STOP_NAMES.has(name.toLowerCase()))) {
      current = { claimant: name ?? "listener", sentences: [], evidence: m[0] };
      out.push(current);
      const rest = s.slice(m.index + m[0].length).split(/\s+/).filter((w) => /\p{L}/u.test(w));
      if (rest.length >= 3) current.sentences.push(i);
      return;
    }
    if (!current) return;
    if (HOST_VOICE.test(s) || addressesSomeone(i) || current.sentences.length >= maxSentences) {
      current = undefined;
      return;
    }
    current.sentences.push(i);
  });
  return out.filter((c) => c.sentences.length > 0);
}

/** Pieces of the verbs one of which {@link INTRO} needs (it is case-sensitive past the first letter). */
const INTRO_WORDS = wordsPattern(CUE_WORDS.listener);

/**
 * Whether a text can hold a listener comment's introduction at all. A turn without one of the
 * verbs has no comment: its sentences, parts of its text, need not be looked at one by one.
 * (For a whole turn, the LISTENER bit of its `cueMask` answers the same.)
 */
export function mayIntroduce(s: string): boolean {
  return INTRO_WORDS.test(s);
}

/** Capitalised words that precede "writes"/"rights" without being a listener's name. */
const STOP_NAMES = new Set(["civil", "human", "voting", "states", "state", "miranda", "the", "it", "he", "she", "this", "that", "who", "equal", "women's", "gay", "bill"]);
