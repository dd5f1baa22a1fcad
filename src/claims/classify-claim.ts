import type { ClaimType, Quantity } from "../core/types.js";

/** What a sentence is doing besides stating something: asking, supposing, predicting, opining. */
export interface ClaimCues {
  /** Ends with "?", or opens with an inverted auxiliary ("Are there…", "Can we…") or "wh- + auxiliary". */
  question: boolean;
  /** "what if", "imagine", "suppose", or the modals "could", "might". */
  hypothetical: boolean;
  /** "will", "would", "going to", "gonna", "'ll" (not "would say", "would've"). */
  prediction: boolean;
  /** "I think", "I love", "should", "ought to", "it's time", "let's"… */
  opinion: boolean;
  /** A read-out message or report: "Sam writes, …", "a listener writes in to say, …". */
  reported: boolean;
  /** Who is reported, when the sentence names them ("Sam"), or "listener". */
  reportedName: string | null;
  /** A phone number, e-mail or web address. */
  contact: boolean;
  /** Courtesy or channel chrome: "thank you", "welcome", "please", "subscribe". */
  courtesy: boolean;
}

const FILLERS = String.raw`(?:(?:[-–—]\s*)?(?:so|and|but|or|well|now|okay|ok|i mean|you know|like|yeah|right|hmm|oh|um|uh|also|then)[,\s]+)*`;
const RE = {
  trailingQuestion: /\?[\s"'”’)\]\-–—]*$/,
  invertedStart: new RegExp(
    String.raw`^\s*(?:[-–—]\s*)?${FILLERS}(?:is|are|was|were|do|does|did|can|could|should|would|will|won't|isn't|aren't|wasn't|don't|doesn't|didn't|has|have|hasn't|haven't|shall|may|might|must)\s+(?:there|it|this|that|these|those|we|you|they|he|she|i|the|a|an|any|anyone|anybody|people|states?|our|your|their)\b`,
    "i",
  ),
  whStart: new RegExp(String.raw`^\s*(?:[-–—]\s*)?${FILLERS}(?:who|what|when|where|why|how|which|whose)(?:'s|\s+(?:is|are|was|were|do|does|did|can|could|should|would|will|has|have|happens|happened|about))\b`, "i"),
  hypothetical: /\b(?:what if|imagine|suppose|supposing|hypothetically|let's say|picture this|in theory|could|couldn't|might|mightn't)\b/i,
  prediction: /\b(?:will|won't|going to|gonna|would|wouldn't|is expected to|are expected to)\b|\w'll\b|\w’ll\b/i,
  notPrediction: /\b(?:would|i'd|i’d)\s+(?:say|argue|add|suggest|note|like|love|rather)\b|\bwould(?:'ve|’ve| have)\b|\bwould\s+(?:often|usually|always)\b/gi,
  opinion: /\b(?:i think|i believe|i feel|i guess|i'd say|i would say|in my (?:opinion|view)|i love|i hate|i hope|i wish|i'd love|i want|i wanna|i'm worried|i worry|we need to|we have to|we've got to|should|shouldn't|ought to|it's time|let's|let us|i'm curious|i agree|i disagree|i am suggesting|i'm suggesting|i'd argue|i would argue|maybe|perhaps)\b/i,
  reported: /^(?:[^,.;:]{0,40}[,\s]\s*)??(?:[\w'’-]+\s+){0,4}?(?:writes|wrote|wrights|asks|asked|tweets|tweeted|posts|posted|emails|emailed|texts|texted|comments)\b(?:\s+in)?(?:\s+to\s+(?:say|ask))?/i,
  reportedName: /(?:^|[\s,])(?<!\bthe\s)(?:listener\s+|caller\s+)?(\p{Lu}[\p{L}'’-]+)\s+(?:[Ww]rites|[Ww]rote|[Ww]rights|[Aa]sks|[Aa]sked|[Tt]weets|[Tt]weeted|[Pp]osts|[Pp]osted|[Ee]mails|[Ee]mailed|[Tt]exts|[Tt]exted)\b/u,
  contact: /[\w.+-]+@[\w-]+(?:\.[\w-]*)*|\b(?:https?:\/\/|www\.)\S+|(?:\(\d{3}\)|\b\d{3})[\s.-]\d{3}[\s.-]\d{4}\b|\b\d(?:[ -]\d){6,}\b/,

  courtesy: /\b(?:thank you|thanks|welcome|please|subscribe|subscribed|subscriber|subscription|good morning|good afternoon|stay tuned)\b/i,
  personal: /\b(?:i remember|i recall|my (?:family|mother|mom|father|dad|son|daughter|wife|husband|kids|children|parents|grandparents|grandmother|grandfather|brother|sister|students|colleagues|friends?)|when i (?:was|ran|worked|lived|grew up|went|served)|i (?:ran for|went to|grew up|lived in|worked|was born|wrote|visited|served)|i was (?:the|a|an)\b|in my (?:lifetime|experience|life|family))\b/i,
  attribution: /\baccording to\b|\b(?:said|says|told|reported|reports|testified|announced|claimed|claims|argues|argued)\b|\b(?:polls?|surveys?|stud(?:y|ies)|data|reports?|analysis|census|numbers|research|estimates?)\s+(?:\w+\s+)?(?:show|shows|showing|showed|found|finds|suggests?|indicates?)\b/i,
  law: /\b(?:constitution(?:al)?|unconstitutional|laws?|legal(?:ly)?|illegal(?:ly)?|lawful|unlawful|court (?:ruled|found|held|decided|struck)|supreme court|ruled|ruling|statutes?|legislation|amendment|jurisdiction|chain of command|authority over|nullify|override federal|federal rules|regulations?|precedent|settled the matter)\b/i,
  cause: /\b(?:because|led to|lead to|leads to|leading to|caused|causes|due to|as a result|result(?:ed|s)? in|thanks to|blamed|driven by|so that)\b/i,
  comparison: /\b(?:more|less|fewer|greater|larger|bigger|higher|lower|smaller|richer|poorer|better|worse|faster|slower|\b(?!rather\b|other\b|whether\b|either\b|neither\b)\w{3,}er)\s+than\b(?!\s+(?:a|an|\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half)\b)|\btimes (?:the|as|more|larger|bigger|higher)\b|\btwice as\b|\bcompared (?:to|with)\b|\bunlike\b|\bthe same number of\b|\bas (?:much|many) as\b/i,
  trend: /\b(?:increas(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|rose|risen|rising|fell|fallen|falling|declin(?:e|ed|es|ing)|grew|grown|growing|shrink(?:s|ing)?|shrank|doubled|tripled|halved|soared|plummeted|dropped|jumped|skyrocket(?:s|ed|ing)?|since (?:\d{4}|the)|over the (?:last|past)|for decades|worse and worse|more and more|gotten (?:worse|better))\b/i,
};

/**
 * The cues of a sentence that decide whether it can be a claim at all: a question, a
 * hypothetical, a prediction, an opinion, a read-out message, contact details.
 *
 * @example
 * detectCues("What if they just stopped paying?").question; // true
 * detectCues("Sam writes in to say, could the governor…").reported; // true
 */
export function detectCues(text: string): ClaimCues {
  const t = straightQuotes(text.trim());
  // Each word-list pattern runs only when the text has one of its key words (see CUE_WORDS).
  const words = cueWordsOf(t);
  const reported = (words & REPORTED) !== 0 && RE.reported.test(t);
  let reportedName: string | null = null;
  if (reported) {
    const m = RE.reportedName.exec(t);
    reportedName = m && !/^(?:Listener|Caller|One|Someone|He|She|They)$/.test(m[1]) ? m[1] : "listener";
  }
  return {
    question: (t.includes("?") && RE.trailingQuestion.test(t)) || RE.invertedStart.test(t) || RE.whStart.test(t),
    hypothetical: (words & HYPOTHETICAL) !== 0 && RE.hypothetical.test(t),
    // Removing "would say" and the like never makes a prediction, so its key words are the text's.
    prediction: (words & PREDICTION) !== 0 && RE.prediction.test(t.replace(RE.notPrediction, " ")),
    opinion: (words & OPINION) !== 0 && RE.opinion.test(t),
    reported,
    reportedName,
    contact: (words & CONTACT) !== 0 && RE.contact.test(t),
    courtesy: (words & COURTESY) !== 0 && RE.courtesy.test(t),
  };
}

const HYPOTHETICAL = 1;
const PREDICTION = 2;
const OPINION = 4;
const COURTESY = 8;
const REPORTED = 16;
/** Set by an "@", a digit, or the word "http", "https" or "www": what `RE.contact` needs one of. */
const CONTACT = 32;

/**
 * Key words of the word-list patterns: for each alternative of a pattern, one of its words — a
 * whole word wherever the alternative matches (delimited by spaces, apostrophes or the pattern's
 * `\b`), so a text without any key word of a pattern cannot match it. "Words" are the runs of
 * `\w` (ASCII letters, digits, `_`), compared case-insensitively in ASCII, as the patterns' `\b`
 * and `i` flag do.
 */
const CUE_WORDS: Record<number, string> = {
  // what if, imagine, suppose, supposing, hypothetically, let's say, picture this, in theory, could(n't), might(n't)
  [HYPOTHETICAL]: "if imagine suppose supposing hypothetically let picture theory could couldn might mightn",
  // will, won't, going to, gonna, would(n't), is/are expected to, X'll
  [PREDICTION]: "will won going gonna would wouldn expected ll",
  // i think … i would argue, in my opinion/view, we need/have/'ve got to, should(n't), ought to, it's time, let's, let us, maybe, perhaps
  [OPINION]: "think believe feel guess say opinion view love hate hope wish want wanna worried worry need have got should shouldn ought time let curious agree disagree suggesting argue maybe perhaps",
  // thank you, thanks, welcome, please, subscribe…, good morning/afternoon, stay tuned
  [COURTESY]: "thank thanks welcome please subscribe subscribed subscriber subscription morning afternoon tuned",
  // the verbs of a read-out message
  [REPORTED]: "writes wrote wrights asks asked tweets tweeted posts posted emails emailed texts texted comments",
  // web addresses (e-mail addresses and phone numbers: see cueWordsOf)
  [CONTACT]: "http https www",
};

/** The key words as a trie over the letters a–z: `next[node * 26 + letter]` (0 = none), `bits[node]`. */
const CUE_TRIE = (() => {
  const next: number[] = new Array<number>(26).fill(0);
  const bits: number[] = [0];
  for (const [bit, list] of Object.entries(CUE_WORDS))
    for (const word of list.split(" ")) {
      let node = 0;
      for (let i = 0; i < word.length; i++) {
        const slot = node * 26 + word.charCodeAt(i) - 97;
        if (next[slot] === 0) {
          next[slot] = bits.length;
          bits.push(0);
          for (let k = 0; k < 26; k++) next.push(0);
        }
        node = next[slot];
      }
      bits[node] |= Number(bit);
    }
  return { next: Int32Array.from(next), bits: Int32Array.from(bits) };
})();

/**
 * The bits of the {@link CUE_WORDS} lists that have a word in `t`, and {@link CONTACT} for an "@"
 * or a digit: one scan, no allocation.
 */
function cueWordsOf(t: string): number {
  const { next, bits } = CUE_TRIE;
  let found = 0;
  let node = -1; // -1: between words; 0 and up: a trie node; -2: in a word that is no key word
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      if (node === -1) node = 0;
      if (node >= 0) node = next[node * 26 + (c | 0x20) - 97] || -2;
    } else if ((c >= 48 && c <= 57) || c === 95) {
      node = -2; // a digit or "_" makes the word no key word
      if (c !== 95) found |= CONTACT;
    } else {
      if (node > 0) found |= bits[node];
      if (c === 64) found |= CONTACT; // "@"
      node = -1;
    }
  }
  if (node > 0) found |= bits[node];
  return found;
}

/**
 * The type of a claim, from cue words, in this order (first match wins): personal ("I remember",
 * "my family", "when I ran"), attribution ("according to", "X said", a read-out message, "polls
 * show"), prediction ("will", "would", "going to"), law ("constitution", "law", "court ruled",
 * "illegal"), cause ("because", "led to"), comparison ("more than", "-er than", "times the"),
 * trend ("increased", "fell", "since"), quantity (any number but a bare year), else other.
 *
 * @example
 * classifyClaim("California has 67 times the population of Wyoming", [{ kind: "ratio", value: 67, unit: "x", text: "67 times" }]); // "comparison"
 */
export function classifyClaim(raw: string, quantities: readonly Quantity[] = [], cues: ClaimCues = detectCues(raw)): ClaimType {
  const text = straightQuotes(raw);
  if (RE.personal.test(text)) return "personal";
  if (cues.reported || RE.attribution.test(text)) return "attribution";
  if (cues.prediction) return "prediction";
  if (RE.law.test(text)) return "law";
  if (RE.cause.test(text)) return "cause";
  if (RE.comparison.test(text)) return "comparison";
  if (RE.trend.test(text)) return "trend";
  if (quantities.some((q) => q.kind !== "year")) return "quantity";
  return "other";
}

/** Curly apostrophes as straight ones, so "wouldn’t" and "wouldn't" read the same. */
function straightQuotes(s: string): string {
  return s.includes("’") || s.includes("‘") ? s.replace(/[‘’]/g, "'") : s;
}
