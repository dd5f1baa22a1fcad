import type { ClaimType, Quantity } from "../core/types.js";
import { KeyWordScanner } from "./key-words.js";

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
  opinion: /\b(?:i think|i believe|i feel|i guess|i'd say|i would say|in my (?:opinion|view)|i love|i hate|i hope|i wish|i'd love|i want|i wanna|i'm worried|i worry|we need to|we have to|we've got to|should|shouldn't|ought to|it's time|let's|let us|i'm curious|i agree|i disagree|i am suggesting|i'm suggesting|i'd argue|i would argue|maybe|perhaps)\b|,\s*to me,/i,
  reported: /^(?:[^,.;:]{0,40}[,\s]\s*)??(?:[\w'’-]+\s+){0,4}?(?:writes|wrote|wrights|asks|asked|tweets|tweeted|posts|posted|emails|emailed|texts|texted|comments)\b(?:\s+in)?(?:\s+to\s+(?:say|ask))?/i,
  reportedName: /(?:^|[\s,])(?<!\bthe\s)(?:listener\s+|caller\s+)?(\p{Lu}[\p{L}'’-]+)\s+(?:[Ww]rites|[Ww]rote|[Ww]rights|[Aa]sks|[Aa]sked|[Tt]weets|[Tt]weeted|[Pp]osts|[Pp]osted|[Ee]mails|[Ee]mailed|[Tt]exts|[Tt]exted)\b/u,
  contact: /[\w.+-]+@[\w-]+(?:\.[\w-]*)*|\b(?:https?:\/\/|www\.)\S+|(?:\(\d{3}\)|\b\d{3})[\s.-]\d{3}[\s.-]\d{4}\b|\b\d(?:[ -]\d){6,}\b/,

  courtesy: /\b(?:thank you|thanks|welcome|please|subscribe|subscribed|subscriber|subscription|good morning|good afternoon|stay tuned)\b/i,
  personal: /\b(?:i remember|i recall|my (?:family|mother|mom|father|dad|son|daughter|wife|husband|kids|children|parents|grandparents|grandmother|grandfather|brother|sister|students|colleagues|friends?)|when i (?:was|ran|worked|lived|grew up|went|served)|i (?:ran for|went to|grew up|lived in|worked|was born|wrote|visited|served)|i was (?:the|a|an)\b|in my (?:lifetime|experience|life|family))\b/i,
  attribution: /\baccording to\b|\b(?:said|says|told|reported|reports|testified|announced|claimed|claims|argues|argued)\b|\b(?:polls?|surveys?|stud(?:y|ies)|data|reports?|analysis|census|numbers|research|estimates?)\s+(?:\w+\s+)?(?:show|shows|showing|showed|found|finds|suggests?|indicates?)\b/i,
  law: /\b(?:constitution(?:al)?|unconstitutional|laws?|legal(?:ly)?|illegal(?:ly)?|lawful|unlawful|court (?:ruled|found|held|decided|struck)|supreme court|ruled|ruling|statutes?|legislation|amendment|jurisdiction|chain of command|authority over|nullify|override federal|federal rules|regulations?|precedent|settled the matter)\b/i,
  cause: /\b(?:because|led to|lead to|leads to|leading to|caused|causes|due to|as a result|result(?:ed|s)? in|thanks to|blamed|driven by|so that)\b/i,
  comparison: /\b(?:more|less|fewer|greater|larger|bigger|higher|lower|smaller|richer|poorer|better|worse|faster|slower|\b(?!rather\b|other\b|whether\b|either\b|neither\b)\w{3,}er)\s+than\b(?!\s+(?:a|an|\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half)\b)|\b(?:more|less|fewer|greater|larger|bigger|higher|lower|smaller|richer|poorer|better|worse)\s+(?:[\w'$%.,-]+\s+){1,6}?than\b|\btimes (?:the|as|more|larger|bigger|higher)\b|\btwice as\b|\bcompared (?:to|with)\b|\bunlike\b|\bthe same number of\b|\bas (?:much|many) as\b/i,
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
  const trimmed = text.trim();
  // Each word-list pattern runs only when the text has one of its key words (see CUE_WORDS). The
  // scan is the same before and after straightening quotes: quotes are never part of a word.
  const words = CUE_WORDS.scan(trimmed);
  const t = (words & CURLY_QUOTE) !== 0 ? trimmed.replace(/[‘’]/g, "'") : trimmed;
  const reported = (words & REPORTED) !== 0 && RE.reported.test(t);
  let reportedName: string | null = null;
  if (reported) {
    const m = RE.reportedName.exec(t);
    reportedName = m && !/^(?:Listener|Caller|One|Someone|He|She|They)$/.test(m[1]) ? m[1] : "listener";
  }
  return {
    question: ((words & QUESTION_MARK) !== 0 && RE.trailingQuestion.test(t)) || ((words & QUESTION_START) !== 0 && (RE.invertedStart.test(t) || RE.whStart.test(t))),
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
/** The first word is a filler, an auxiliary or a wh- word: what `RE.invertedStart` and `RE.whStart` start with. */
const QUESTION_START = 64;
/** The text has a "?" (what `RE.trailingQuestion` needs). */
const QUESTION_MARK = 128;
/** The text has a curly single quote ("‘" or "’"), read as a straight one. */
const CURLY_QUOTE = 256;

const wordList = (s: string) => s.split(" ");
/**
 * Key words of the word-list patterns: for each alternative of a pattern, one of its words — a
 * whole word wherever the alternative matches (delimited by spaces, apostrophes or the pattern's
 * `\b`), so a text without any key word of a pattern cannot match it (see {@link KeyWordScanner}).
 */
const CUE_WORDS = new KeyWordScanner(
  {
    // what if, imagine, suppose, supposing, hypothetically, let's say, picture this, in theory, could(n't), might(n't)
    [HYPOTHETICAL]: wordList("if imagine suppose supposing hypothetically let picture theory could couldn might mightn"),
    // will, won't, going to, gonna, would(n't), is/are expected to, X'll
    [PREDICTION]: wordList("will won going gonna would wouldn expected ll"),
    // i think … i would argue, in my opinion/view, we need/have/'ve got to, should(n't), ought to, it's time, let's, let us, maybe, perhaps, ", to me,"
    [OPINION]: wordList("think believe feel guess say opinion view love hate hope wish want wanna worried worry need have got should shouldn ought time let curious agree disagree suggesting argue maybe perhaps me"),
    // thank you, thanks, welcome, please, subscribe…, good morning/afternoon, stay tuned
    [COURTESY]: wordList("thank thanks welcome please subscribe subscribed subscriber subscription morning afternoon tuned"),
    // the verbs of a read-out message
    [REPORTED]: wordList("writes wrote wrights asks asked tweets tweeted posts posted emails emailed texts texted comments"),
    // web addresses (e-mail addresses and phone numbers: the "@" and digit bits)
    [CONTACT]: wordList("http https www"),
    // the fillers, then the auxiliaries of RE.invertedStart and the wh- words of RE.whStart ("won't" → "won")
    [QUESTION_START]: wordList(
      "so and but or well now okay ok i you like yeah right hmm oh um uh also then " +
        "is are was were do does did can could should would will won isn aren wasn don doesn didn has have hasn haven shall may might must " +
        "who what when where why how which whose",
    ),
  },
  { digit: CONTACT, chars: { 0x40: CONTACT, 0x3f: QUESTION_MARK, 0x2018: CURLY_QUOTE, 0x2019: CURLY_QUOTE }, firstWord: QUESTION_START },
);

/**
 * The type of a claim, from cue words, in this order (first match wins): personal ("I remember",
 * "my family", "when I ran"), attribution ("according to", "X said", a read-out message, "polls
 * show"), prediction ("will", "would", "going to"), law ("constitution", "law", "court ruled",
 * "illegal"), cause ("because", "led to"), comparison ("more than", "pays more into … than", "-er than", "times the"),
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
