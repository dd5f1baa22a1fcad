/**
 * Feature extraction for the check-worthiness ranker, shared by training (`scripts/train.ts`) and
 * scoring (`checkworthiness.ts`), so both compute exactly the same hashed sparse vectors.
 *
 * Every feature is a signed hash into a fixed space of `2^bits` slots. One pass over each sentence's
 * UTF-16 code units gives the tokens (lower-cased, digits folded to `0`), the character n-grams and a
 * handful of cue flags; no regular expressions run on the scoring path. A sentence's vector also holds
 * its neighbours' words and cues (the previous and next sentence of the same document), down-weighted.
 * Offsets are not needed here: features are computed from the sentence text alone.
 */

/** Options that fix the feature space; stored in the model file so that scoring matches training. */
export interface FeatureOptions {
  /** The hashed space has `2^bits` slots. */
  bits: number;
  /** Smallest and largest character n-gram length (0 disables character n-grams). */
  charMin: number;
  charMax: number;
  /** Scale of the character n-gram block (each n-gram counts `charWeight / sqrt(count)`). */
  charWeight: number;
  /** Scale of the word unigram and bigram block. */
  wordWeight: number;
  /** Scale of the cue block (numbers, years, lexicon classes, length bins…). */
  cueWeight: number;
  /** Scale of the neighbouring sentences' words and cues (0 disables context). */
  contextWeight: number;
  /** Emit word bigrams. */
  bigrams: boolean;
  /** Emit the cue block at all (the plain TF-IDF baseline turns it off). */
  cues: boolean;
  /**
   * After the linear score: add this share of the previous and next sentence's raw scores to each
   * sentence's raw score (0 = off). Claims often span several sentences.
   */
  neighbourScoreWeight?: number;
  /**
   * Word-class n-grams (0 or absent = off): each token is mapped to a class by a word→class table
   * shipped in the model (see {@link WordClasses}; unknown words get a shape class), and the class
   * 1…`classMaxN`-grams of the sentence are emitted at this scale.
   */
  classWeight?: number;
  /** Longest class n-gram (default 3). */
  classMaxN?: number;
}

/** The feature options of the shipped model unless a model file says otherwise. */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  bits: 18,
  charMin: 3,
  charMax: 5,
  charWeight: 0.7,
  wordWeight: 1,
  cueWeight: 0.5,
  contextWeight: 0.35,
  bigrams: true,
  cues: true,
};

const FNV_OFFSET = 2166136261 | 0;
const FNV_PRIME = 16777619;

/** Murmur3's 32-bit finaliser: spreads the bits of a hash. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/**
 * FNV-1a hash of a string's code units, as the tokenizer computes it (lower-case, digits as `0`).
 *
 * @example
 * hashWord("Taxes") === hashWord("taxes"); // true
 */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ foldCode(word.charCodeAt(i)), FNV_PRIME);
  return h;
}

/** Lower-case ASCII and Latin-1 capitals, fold digits to `0` and curly apostrophes to `'`. */
function foldCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 48 && c <= 57) return 48;
  if (c === 0x2019 || c === 0x2018) return 39;
  if (c >= 192 && c <= 222 && c !== 215) return c + 32;
  return c;
}

/** {@link foldCode} of the Latin-1 code units, with the whitespace the character n-grams collapse (tab, LF, CR, NBSP) as 32. */
const FOLD_SPACE = Uint16Array.from({ length: 256 }, (_, c) => (c === 9 || c === 10 || c === 13 || c === 160 ? 32 : foldCode(c)));

/** Character classes of the Latin-1 code units for `scanSentence` (above 255: lower-case up to 591, else none). */
const C_UPPER = 1;
const C_LOWER = 2;
const C_DIGIT = 4;
const C_WORD = C_UPPER | C_LOWER | C_DIGIT;
const CHAR_CLASS = Uint8Array.from({ length: 256 }, (_, c) =>
  (c >= 65 && c <= 90) || (c >= 192 && c <= 222 && c !== 215)
    ? C_UPPER
    : (c >= 97 && c <= 122) || (c >= 223 && c !== 247)
      ? C_LOWER
      : c >= 48 && c <= 57
        ? C_DIGIT
        : 0,
);

/** Shape classes for words missing from a {@link WordClasses} table (class ids 1…4 are reserved for them). */
export const SHAPE_CLASSES = ["<lower>", "<cap>", "<num>", "<sym>"] as const;

/**
 * A word→class table: open addressing over the tokenizer's word hashes (see {@link hashWord}), class
 * ids 1…255 (0 = empty slot). Ids 1…4 are the shape classes of unknown words (lower-case, capitalised,
 * number, symbol); a lexicon's own classes start at 5; 255 keeps the word itself in the class n-grams.
 */
export class WordClasses {
  readonly keys: Int32Array;
  readonly vals: Uint8Array;
  readonly mask: number;
  readonly size: number;

  constructor(entries: Iterable<readonly [number, number]>) {
    const list = [...entries];
    let cap = 16;
    while (cap < list.length * 2) cap <<= 1;
    this.keys = new Int32Array(cap);
    this.vals = new Uint8Array(cap);
    this.mask = cap - 1;
    for (const [h, c] of list) {
      if (!(c >= 1 && c <= 255)) throw new Error(`word class id out of range: ${c}`);
      let i = mix32(h) & this.mask;
      while (this.vals[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
      this.keys[i] = h;
      this.vals[i] = c;
    }
    this.size = list.length;
  }

  /** The class of a word hash, or 0 when the word is not in the table. */
  get(h: number): number {
    let i = mix32(h) & this.mask;
    for (;;) {
      const v = this.vals[i];
      if (v === 0) return 0;
      if (this.keys[i] === h) return v;
      i = (i + 1) & this.mask;
    }
  }

  /** Serialise as little-endian Int32 (hash, class) pairs sorted by hash, base64. */
  encode(): string {
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.vals.length; i++) if (this.vals[i] !== 0) pairs.push([this.keys[i], this.vals[i]]);
    pairs.sort((a, b) => a[0] - b[0]);
    const out = new Int32Array(pairs.length * 2);
    pairs.forEach(([h, c], k) => ((out[2 * k] = h), (out[2 * k + 1] = c)));
    return Buffer.from(out.buffer).toString("base64");
  }

  /** Inverse of {@link encode}. */
  static decode(b64: string): WordClasses {
    const buf = Buffer.from(b64, "base64");
    const a = new Int32Array(buf.byteLength / 4);
    new Uint8Array(a.buffer).set(buf);
    const entries: [number, number][] = [];
    for (let k = 0; k + 1 < a.length; k += 2) entries.push([a[k], a[k + 1]]);
    return new WordClasses(entries);
  }
}

/** Namespaces, mixed into hashes so the blocks don't share slots by construction. */
const NS = {
  word: 0x1b873593,
  bigram: 0x2c1b3c6d,
  char: 0x297a2d39,
  cue: 0x56e4ef1d,
  prevWord: 0x7f4a7c15,
  nextWord: 0x3c6ef372,
  prevCue: 0x0b4611a7,
  nextCue: 0x4cf5ad43,
  cls: 0x61c88647,
} as const;

/** Lexicon classes, one bit each. */
const LEX = {
  compare: 1 << 0,
  modal: 1 << 1,
  wePlural: 1 << 2,
  iSingular: 1 << 3,
  you: 1 << 4,
  policy: 1 << 5,
  stat: 1 << 6,
  scale: 1 << 7,
  money: 1 << 8,
  percent: 1 << 9,
  courtesy: 1 << 10,
  opinion: 1 << 11,
  past: 1 << 12,
  negation: 1 << 13,
  vote: 1 << 14,
  timeRef: 1 << 15,
  questionWord: 1 << 16,
  filler: 1 << 17,
} as const;
type LexName = keyof typeof LEX;

const LEXICON: Record<LexName, string> = {
  compare:
    "more less fewer most least than higher lower highest lowest larger largest biggest bigger smaller smallest greater greatest worse worst better best increase increased decrease decreased doubled tripled half twice record",
  modal: "will would 'll going gonna could should might may shall wanna want plan",
  wePlural: "we our us we're we've we'll ours ourselves",
  iSingular: "i me my i'm i've i'll mine myself",
  you: "you your you're you've yours",
  policy:
    "tax taxes jobs job economy deficit debt budget spending health insurance obamacare medicare medicaid immigration immigrants border wall crime military nuclear trade nafta china mexico isis war unemployment wages wage income regulations energy oil coal climate emissions gun guns police drug drugs opioid security veterans education schools college loans social prices premiums deductibles manufacturing companies factories workers taxpayers government federal country",
  stat: "percent rate number numbers average times per million billion trillion thousand thousands hundreds statistics data poll polls since ago decade decades years year months",
  scale: "million millions billion billions trillion trillions thousand thousands hundred hundreds dozen",
  money: "dollars dollar $ cents bucks",
  percent: "percent % percentage",
  courtesy:
    "thank thanks hello hi welcome congratulations appreciate please sorry applause laughter ok okay bye goodbye morning evening tonight",
  opinion: "think believe feel guess hope love hate like wish suppose sure know mean",
  past: "was were had did said voted passed signed cut raised lost created went came took gave made added grew fell rose spent paid",
  negation: "not no never n't don't didn't doesn't isn't wasn't won't can't nothing nobody",
  vote: "voted vote votes supported opposed bill law legislation act senate congress",
  timeRef: "today yesterday now currently last first since ago",
  questionWord: "what why how who when where which",
  filler: "well yeah yes uh um oh look folks frankly okay",
};

/** The lexicon as an open-addressing table over word hashes (bits 0 = empty slot). */
const LEX_TABLE = (() => {
  const m = new Map<number, number>();
  for (const name of Object.keys(LEXICON) as LexName[]) {
    for (const w of LEXICON[name].split(" ")) {
      const h = hashWord(w);
      m.set(h, (m.get(h) ?? 0) | LEX[name]);
    }
  }
  let cap = 16;
  while (cap < m.size * 4) cap <<= 1;
  const keys = new Int32Array(cap);
  const bits = new Int32Array(cap);
  for (const [h, b] of m) {
    let i = mix32(h) & (cap - 1);
    while (bits[i] !== 0) i = (i + 1) & (cap - 1);
    keys[i] = h;
    bits[i] = b;
  }
  return { keys, bits, mask: cap - 1 };
})();

/** The lexicon classes of a word hash (0 = none). */
function lexBitsOf(h: number): number {
  const { keys, bits, mask } = LEX_TABLE;
  let i = mix32(h) & mask;
  for (;;) {
    const b = bits[i];
    if (b === 0 || keys[i] === h) return b;
    i = (i + 1) & mask;
  }
}

const LEX_NAMES = Object.keys(LEX) as LexName[];

/** Named cue features; each gets a fixed hash. */
const CUE_NAMES = [
  "bias",
  "len:1-3",
  "len:4-6",
  "len:7-10",
  "len:11-15",
  "len:16-25",
  "len:26+",
  "num:1",
  "num:2+",
  "year",
  "percentSign",
  "dollarSign",
  "caps:0",
  "caps:1",
  "caps:2",
  "caps:3+",
  "question",
  "exclaim",
  "endsQuestion",
  "quote",
  "noWords",
  ...LEX_NAMES.map((n) => `lex:${n}`),
  ...LEX_NAMES.map((n) => `lex2:${n}`),
  "numAndScale",
  "numAndCompare",
  "modalNoNum",
  "courtesyShort",
] as const;
type CueName = (typeof CUE_NAMES)[number];

const cueHash = (n: CueName): number => hashWord(n);
const H_BIAS = cueHash("bias");
const H_NO_WORDS = cueHash("noWords");
const H_LEN = [cueHash("len:1-3"), cueHash("len:4-6"), cueHash("len:7-10"), cueHash("len:11-15"), cueHash("len:16-25"), cueHash("len:26+")];
const H_NUM1 = cueHash("num:1");
const H_NUM2 = cueHash("num:2+");
const H_YEAR = cueHash("year");
const H_PERCENT = cueHash("percentSign");
const H_DOLLAR = cueHash("dollarSign");
const H_CAPS = [cueHash("caps:0"), cueHash("caps:1"), cueHash("caps:2"), cueHash("caps:3+")];
const H_QUESTION = cueHash("question");
const H_EXCLAIM = cueHash("exclaim");
const H_ENDS_QUESTION = cueHash("endsQuestion");
const H_QUOTE = cueHash("quote");
const LEX_BITS = Int32Array.from(LEX_NAMES, (n) => LEX[n]);
const H_LEX = Int32Array.from(LEX_NAMES, (n) => hashWord(`lex:${n}`));
const H_LEX2 = Int32Array.from(LEX_NAMES, (n) => hashWord(`lex2:${n}`));
const H_NUM_SCALE = cueHash("numAndScale");
const H_NUM_COMPARE = cueHash("numAndCompare");
const H_MODAL_NO_NUM = cueHash("modalNoNum");
const H_COURTESY_SHORT = cueHash("courtesyShort");

const I_HASH = hashWord("i");
const GOING_HASH = hashWord("going");
const TO_HASH = hashWord("to");
const BOS_HASH = hashWord("<s>");
const EOS_HASH = hashWord("</s>");
const PERCENT_HASH = Math.imul(FNV_OFFSET ^ 37, FNV_PRIME);
const DOLLAR_HASH = Math.imul(FNV_OFFSET ^ 36, FNV_PRIME);

/** Growable buffers for one document's sparse rows (CSR layout). */
export class SparseRows {
  /** Row start offsets into `idx`/`val`; row r is `[rowPtr[r], rowPtr[r+1])`. */
  rowPtr: Int32Array = new Int32Array(64);
  idx: Int32Array = new Int32Array(4096);
  val: Float32Array = new Float32Array(4096);
  rows = 0;
  nnz = 0;

  /** Forget the content and keep the buffers. */
  reset(): void {
    this.rows = 0;
    this.nnz = 0;
    this.rowPtr[0] = 0;
  }

  /** Append one (slot, value) entry to the current row. */
  push(i: number, v: number): void {
    if (this.nnz === this.idx.length) this.reserve(1);
    this.idx[this.nnz] = i;
    this.val[this.nnz] = v;
    this.nnz++;
  }

  /** Make room for `n` more entries (so that the next `n` pushes don't reallocate). */
  reserve(n: number): void {
    if (this.nnz + n <= this.idx.length) return;
    const cap = Math.max(this.idx.length * 2, this.nnz + n);
    const ni = new Int32Array(cap);
    ni.set(this.idx.subarray(0, this.nnz));
    this.idx = ni;
    const nv = new Float32Array(cap);
    nv.set(this.val.subarray(0, this.nnz));
    this.val = nv;
  }

  /** Close the current row. */
  endRow(): void {
    this.rows++;
    if (this.rows + 1 > this.rowPtr.length) {
      const n = new Int32Array(this.rowPtr.length * 2);
      n.set(this.rowPtr);
      this.rowPtr = n;
    }
    this.rowPtr[this.rows] = this.nnz;
  }
}

/**
 * Turns the sentences of one document into hashed sparse rows. Keeps its buffers between calls, so
 * one instance per thread is enough; not re-entrant.
 *
 * @example
 * const f = new Featurizer(DEFAULT_FEATURE_OPTIONS);
 * const rows = f.featurizeDocument(["We cut taxes by 20 percent.", "Thank you."]);
 * rows.rows; // 2
 */
export class Featurizer {
  readonly opts: FeatureOptions;
  private readonly mask: number;
  private readonly rows = new SparseRows();
  /** Per sentence: start/end into `wordHashes`. */
  private wordStart = new Int32Array(64);
  private wordHashes = new Int32Array(1024);
  private nWordsTotal = 0;
  /** Per sentence: start/end into `cueHashes`. */
  private cueStart = new Int32Array(64);
  private cueHashes = new Int32Array(1024);
  private nCuesTotal = 0;
  /** Per sentence: start/end into `codes`, the folded code units (space-padded, whitespace collapsed) of the character n-grams. */
  private codeStart = new Int32Array(64);
  private codes = new Uint16Array(4096);
  private nCodesTotal = 0;
  /** Shape class (1…4, see {@link SHAPE_CLASSES}) of each word in `wordHashes`. */
  private wordShapes = new Uint8Array(1024);
  private readonly classes: WordClasses | undefined;
  private classIds = new Int32Array(256);
  /**
   * Set while `scoreDocument` runs: `scoreRows` sums the features' products instead of storing them (the
   * word-class n-grams, through `emit`, into `dotZ`).
   */
  private dotWeights: Float32Array | undefined = undefined;
  private dotZ = 0;
  /**
   * `scoreRows`' feature values by sign (index `m >>> 31`: 0 = `Math.fround(v)`, 1 = `Math.fround(-v)`), one pair per
   * block: a table load instead of a branch on the hash's sign, which is a coin toss the CPU mispredicts half the time.
   */
  private readonly signWord = new Float64Array(2);
  private readonly signCue = new Float64Array(2);
  private readonly signChar = new Float64Array(2);
  private readonly signContext = new Float64Array(2);

  constructor(opts: FeatureOptions, classes?: WordClasses) {
    this.opts = opts;
    this.mask = (1 << opts.bits) - 1;
    this.classes = (opts.classWeight ?? 0) > 0 ? classes : undefined;
    if ((opts.classWeight ?? 0) > 0 && !classes) throw new Error("classWeight > 0 needs a word-class table");
  }

  /** The word hashes of one sentence, as the features see them (for building word-class tables). */
  tokenize(s: string): Int32Array {
    this.nWordsTotal = 0;
    this.nCuesTotal = 0;
    this.nCodesTotal = 0;
    this.scanSentence(s);
    return this.wordHashes.slice(0, this.nWordsTotal);
  }

  /**
   * Push one feature with a signed hash: the low bits pick the slot, the top bit the sign. The caller
   * has reserved room (`featurizeDocument` reserves a bound on each row's entries up front).
   */
  private emit(h: number, v: number): void {
    const m = mix32(h);
    const w = this.dotWeights;
    if (w !== undefined) {
      // Scoring: the product the CSR row would give (value rounded to Float32 as stored), same order.
      this.dotZ += w[m & this.mask] * Math.fround(m < 0 ? -v : v);
      return;
    }
    const rows = this.rows;
    const k = rows.nnz;
    rows.idx[k] = m & this.mask;
    rows.val[k] = m < 0 ? -v : v;
    rows.nnz = k + 1;
  }

  private addWord(h: number, shape: number): void {
    if (this.nWordsTotal === this.wordHashes.length) {
      const n = new Int32Array(this.wordHashes.length * 2);
      n.set(this.wordHashes);
      this.wordHashes = n;
      const sh = new Uint8Array(this.wordShapes.length * 2);
      sh.set(this.wordShapes);
      this.wordShapes = sh;
    }
    this.wordShapes[this.nWordsTotal] = shape;
    this.wordHashes[this.nWordsTotal++] = h;
  }

  private addCue(h: number): void {
    if (this.nCuesTotal === this.cueHashes.length) {
      const n = new Int32Array(this.cueHashes.length * 2);
      n.set(this.cueHashes);
      this.cueHashes = n;
    }
    this.cueHashes[this.nCuesTotal++] = h;
  }

  /**
   * Tokenise one sentence: appends its word hashes, its cue hashes and its folded code units (for the
   * character n-grams: a space first, each run of whitespace as one space, a space last).
   */
  private scanSentence(s: string): void {
    const len = s.length;
    let nc = this.nCodesTotal;
    if (this.codes.length < nc + len + 2) {
      const n = new Uint16Array(Math.max(this.codes.length * 2, nc + len * 2 + 2));
      n.set(this.codes.subarray(0, nc));
      this.codes = n;
    }
    const codes = this.codes;
    codes[nc++] = 32;
    let lastSpace = true;
    let nWords = 0;
    let nNum = 0;
    let nCaps = 0;
    let hasYear = false;
    let hasPercent = false;
    let hasDollar = false;
    let hasQuestion = false;
    let hasExclaim = false;
    let hasQuote = false;
    let lexBits = 0;
    let lexTwice = 0;
    let prevWasGoing = false;
    let futureGoingTo = false;

    let inWord = false;
    let h = FNV_OFFSET;
    let wordLen = 0;
    let digits = 0;
    let numVal = 0;
    let firstUpper = false;
    let lastNonSpace = 0;

    // One position past the end acts as a space, so the last word ends inside the loop (no closure:
    // the loop's variables stay in registers).
    for (let i = 0; i <= len; i++) {
      const c = i < len ? s.charCodeAt(i) : 32;
      // foldCode(c), with the whitespace (tab, LF, CR, NBSP) as 32; no other code unit folds to 32.
      const f = c < 256 ? FOLD_SPACE[c] : c === 0x2019 || c === 0x2018 ? 39 : c;
      if (f === 32) {
        if (!lastSpace) codes[nc++] = 32;
        lastSpace = true;
      } else {
        codes[nc++] = f;
        lastSpace = false;
        lastNonSpace = c;
      }
      const cls = c < 256 ? CHAR_CLASS[c] : c <= 591 ? C_LOWER : 0;
      const isUpper = (cls & C_UPPER) !== 0;
      const isDigit = (cls & C_DIGIT) !== 0;
      if ((cls & C_WORD) !== 0 || (inWord && (c === 39 || c === 0x2019))) {
        if (!inWord) {
          inWord = true;
          h = FNV_OFFSET;
          wordLen = 0;
          digits = 0;
          numVal = 0;
          firstUpper = isUpper;
        }
        h = Math.imul(h ^ f, FNV_PRIME);
        wordLen++;
        if (isDigit) {
          digits++;
          numVal = numVal * 10 + (c - 48);
        }
      } else if (inWord && (c === 46 || c === 44) && digits > 0 && i + 1 < len && s.charCodeAt(i + 1) >= 48 && s.charCodeAt(i + 1) <= 57) {
        // A decimal point or thousands separator inside a number stays in the token.
        h = Math.imul(h ^ c, FNV_PRIME);
        wordLen++;
      } else {
        if (inWord) {
          this.addWord(h, digits > 0 ? 3 : firstUpper ? 2 : 1);
          const bits = lexBitsOf(h);
          if (bits !== 0) {
            lexTwice |= lexBits & bits;
            lexBits |= bits;
          }
          if (prevWasGoing && h === TO_HASH) futureGoingTo = true;
          prevWasGoing = h === GOING_HASH;
          if (digits > 0) {
            nNum++;
            if (digits === 4 && wordLen === 4 && numVal >= 1900 && numVal <= 2099) hasYear = true;
          } else if (firstUpper && nWords > 0 && h !== I_HASH) nCaps++;
          nWords++;
          inWord = false;
        }
        if (c === 37) {
          hasPercent = true;
          h = PERCENT_HASH;
          this.addWord(h, 4);
          lexBits |= LEX.percent;
        } else if (c === 36) {
          hasDollar = true;
          h = DOLLAR_HASH;
          this.addWord(h, 4);
          lexBits |= LEX.money;
        } else if (c === 63) hasQuestion = true;
        else if (c === 33) hasExclaim = true;
        else if (c === 34 || c === 0x201c || c === 0x201d) hasQuote = true;
      }
    }

    this.nCodesTotal = nc;

    if (this.opts.cues) {
      this.addCue(H_BIAS);
      if (nWords === 0) this.addCue(H_NO_WORDS);
      else this.addCue(H_LEN[nWords <= 3 ? 0 : nWords <= 6 ? 1 : nWords <= 10 ? 2 : nWords <= 15 ? 3 : nWords <= 25 ? 4 : 5]);
      if (nNum === 1) this.addCue(H_NUM1);
      else if (nNum > 1) this.addCue(H_NUM2);
      if (hasYear) this.addCue(H_YEAR);
      if (hasPercent) this.addCue(H_PERCENT);
      if (hasDollar) this.addCue(H_DOLLAR);
      this.addCue(H_CAPS[nCaps < 3 ? nCaps : 3]);
      if (hasQuestion) this.addCue(H_QUESTION);
      if (hasExclaim) this.addCue(H_EXCLAIM);
      if (lastNonSpace === 63) this.addCue(H_ENDS_QUESTION);
      if (hasQuote) this.addCue(H_QUOTE);
      if (futureGoingTo) lexBits |= LEX.modal;
      if (lexBits !== 0) {
        for (let k = 0; k < LEX_BITS.length; k++) {
          const b = LEX_BITS[k];
          if (lexBits & b) this.addCue(H_LEX[k]);
          if (lexTwice & b) this.addCue(H_LEX2[k]);
        }
      }
      if (nNum > 0 && lexBits & (LEX.scale | LEX.money | LEX.percent)) this.addCue(H_NUM_SCALE);
      if (nNum > 0 && lexBits & LEX.compare) this.addCue(H_NUM_COMPARE);
      if (nNum === 0 && lexBits & LEX.modal) this.addCue(H_MODAL_NO_NUM);
      if (nWords <= 6 && lexBits & LEX.courtesy) this.addCue(H_COURTESY_SHORT);
    }
  }

  /** Emit the character n-grams of the folded code units in `this.codes[cs..ce)`. */
  private emitChars(cs: number, ce: number): void {
    const { charMin, charMax } = this.opts;
    const nc = ce - cs;
    if (charMin <= 0 || nc < charMin) return;
    const count = (charMax - charMin + 1) * nc;
    const v = this.opts.charWeight / Math.sqrt(count);
    const codes = this.codes;
    for (let i = cs; i + charMin <= ce; i++) {
      let h: number = NS.char;
      const end = Math.min(ce, i + charMax);
      for (let j = i; j < end; j++) {
        h = Math.imul(h ^ codes[j], FNV_PRIME);
        if (j - i + 1 >= charMin) this.emit(h ^ (j - i), v);
      }
    }
  }

  /**
   * Featurise one document: one sparse row per sentence, in order. The returned object is reused
   * by the next call.
   */
  featurizeDocument(sentences: readonly string[]): SparseRows {
    this.dotWeights = undefined;
    this.run(sentences, undefined, 0);
    return this.rows;
  }

  /**
   * Linear scores of one document without building its rows: `out[k]` = Σ weights[slot]·value over
   * sentence k's features + `bias`, summed in the same order and precision as a dot product with the
   * row `featurizeDocument` gives.
   */
  scoreDocument(sentences: readonly string[], weights: Float32Array, bias: number, out: Float64Array): void {
    if (weights.length !== this.mask + 1) throw new Error(`weights: expected ${this.mask + 1} values, got ${weights.length}`);
    this.dotWeights = weights;
    try {
      this.run(sentences, out, bias);
    } finally {
      this.dotWeights = undefined;
    }
  }

  private run(sentences: readonly string[], out: Float64Array | undefined, bias: number): void {
    const n = sentences.length;
    const o = this.opts;
    if (this.wordStart.length < n + 1) {
      this.wordStart = new Int32Array(n * 2 + 2);
      this.cueStart = new Int32Array(n * 2 + 2);
      this.codeStart = new Int32Array(n * 2 + 2);
    }
    this.nWordsTotal = 0;
    this.nCuesTotal = 0;
    this.nCodesTotal = 0;
    const rows = this.rows;
    rows.reset();
    // Pass 1: the tokens and cues of every sentence, so that pass 2 can add the neighbours' ones.
    for (let k = 0; k < n; k++) {
      this.wordStart[k] = this.nWordsTotal;
      this.cueStart[k] = this.nCuesTotal;
      this.codeStart[k] = this.nCodesTotal;
      this.scanSentence(sentences[k]);
    }
    this.wordStart[n] = this.nWordsTotal;
    this.cueStart[n] = this.nCuesTotal;
    this.codeStart[n] = this.nCodesTotal;

    const w = this.dotWeights;
    if (out !== undefined && w !== undefined) {
      this.scoreRows(sentences, w, out, bias);
      this.releaseCodes();
      return;
    }
    const wh = this.wordHashes;
    const ch = this.cueHashes;
    for (let k = 0; k < n; k++) {
      const ws = this.wordStart[k];
      const we = this.wordStart[k + 1];
      const nw = we - ws;
      rows.reserve(this.rowBound(k, n, sentences[k].length));
      // Words and bigrams.
      if (o.wordWeight > 0 && nw > 0) {
        const vw = o.wordWeight / Math.sqrt(nw);
        for (let i = ws; i < we; i++) this.emit(wh[i] ^ NS.word, vw);
        if (o.bigrams) {
          let prev = BOS_HASH;
          for (let i = ws; i <= we; i++) {
            const cur = i < we ? wh[i] : EOS_HASH;
            this.emit(Math.imul(prev ^ NS.bigram, 0x9e3779b1) ^ cur, vw);
            prev = cur;
          }
        }
      }
      // Word-class n-grams.
      if (this.classes !== undefined) this.emitClasses(ws, we);
      // Character n-grams of this sentence's folded code units.
      if (o.charMin > 0) this.emitChars(this.codeStart[k], this.codeStart[k + 1]);
      // Cues.
      const cs = this.cueStart[k];
      const ce = this.cueStart[k + 1];
      for (let i = cs; i < ce; i++) this.emit(ch[i] ^ NS.cue, o.cueWeight);
      // Context: the neighbours' words and cues.
      if (o.contextWeight > 0) {
        if (k > 0) this.emitContext(k - 1, NS.prevWord, NS.prevCue);
        if (k + 1 < n) this.emitContext(k + 1, NS.nextWord, NS.nextCue);
      }
      rows.endRow();
    }
    this.releaseCodes();
  }

  /** `codes` holds a whole document's text (2 bytes a code unit): don't keep a huge one's buffer for the next call. */
  private releaseCodes(): void {
    if (this.codes.length > 1 << 20) this.codes = new Uint16Array(4096);
  }

  /**
   * Pass 2 of `scoreDocument`: the same features in the same order as the rows `featurizeDocument`
   * builds, each multiplied into `w` as it is hashed and summed in a local accumulator. A row stores
   * `m < 0 ? -v : v` as Float32, so each block's two signed values are rounded once (`Math.fround(-v)`
   * is `-Math.fround(v)`), and `w[slot] * value` and the running sum are the same doubles as the dot product's.
   */
  private scoreRows(sentences: readonly string[], w: Float32Array, out: Float64Array, bias: number): void {
    const n = sentences.length;
    const o = this.opts;
    const mask = this.mask;
    const wh = this.wordHashes;
    const ch = this.cueHashes;
    const wordStart = this.wordStart;
    const cueStart = this.cueStart;
    const codeStart = this.codeStart;
    const words = o.wordWeight > 0;
    const bigrams = o.bigrams;
    const chars = o.charMin > 0;
    const context = o.contextWeight > 0;
    const sw = this.signWord;
    const sc = this.signCue;
    sc[0] = Math.fround(o.cueWeight);
    sc[1] = Math.fround(-o.cueWeight);
    for (let k = 0; k < n; k++) {
      const ws = wordStart[k];
      const we = wordStart[k + 1];
      const nw = we - ws;
      let z = 0;
      // Words and bigrams.
      if (words && nw > 0) {
        const vw = o.wordWeight / Math.sqrt(nw);
        sw[0] = Math.fround(vw);
        sw[1] = Math.fround(-vw);
        for (let i = ws; i < we; i++) {
          const m = mix32(wh[i] ^ NS.word);
          z += w[m & mask] * sw[m >>> 31];
        }
        if (bigrams) {
          let prev = BOS_HASH;
          for (let i = ws; i <= we; i++) {
            const cur = i < we ? wh[i] : EOS_HASH;
            const m = mix32(Math.imul(prev ^ NS.bigram, 0x9e3779b1) ^ cur);
            z += w[m & mask] * sw[m >>> 31];
            prev = cur;
          }
        }
      }
      // Word-class n-grams (off in the shipped model): through `emit`, which adds to `dotZ`.
      if (this.classes !== undefined) {
        this.dotZ = z;
        this.emitClasses(ws, we);
        z = this.dotZ;
      }
      // Character n-grams of this sentence's folded code units.
      if (chars) z = this.scoreChars(codeStart[k], codeStart[k + 1], w, z);
      // Cues.
      const cs = cueStart[k];
      const ce = cueStart[k + 1];
      for (let i = cs; i < ce; i++) {
        const m = mix32(ch[i] ^ NS.cue);
        z += w[m & mask] * sc[m >>> 31];
      }
      // Context: the neighbours' words and cues.
      if (context) {
        if (k > 0) z = this.scoreContext(k - 1, NS.prevWord, NS.prevCue, w, z);
        if (k + 1 < n) z = this.scoreContext(k + 1, NS.nextWord, NS.nextCue, w, z);
      }
      out[k] = z + bias;
    }
    this.dotZ = 0;
  }

  /** {@link emitChars} for `scoreRows`: returns `z` plus the n-grams' products, added in emission order. */
  private scoreChars(cs: number, ce: number, w: Float32Array, z: number): number {
    const { charMin, charMax, charWeight } = this.opts;
    const nc = ce - cs;
    if (charMin <= 0 || nc < charMin) return z;
    const v = charWeight / Math.sqrt((charMax - charMin + 1) * nc);
    const sv = this.signChar;
    sv[0] = Math.fround(v);
    sv[1] = Math.fround(-v);
    const codes = this.codes;
    const mask = this.mask;
    let i0 = cs;
    if (charMin === 3 && charMax === 5) {
      // The shipped 3–5-grams, unrolled: every start with all three lengths inside the sentence.
      for (; i0 + 5 <= ce; i0++) {
        const h3 = Math.imul(Math.imul(Math.imul(NS.char ^ codes[i0], FNV_PRIME) ^ codes[i0 + 1], FNV_PRIME) ^ codes[i0 + 2], FNV_PRIME);
        const m3 = mix32(h3 ^ 2);
        z += w[m3 & mask] * sv[m3 >>> 31];
        const h4 = Math.imul(h3 ^ codes[i0 + 3], FNV_PRIME);
        const m4 = mix32(h4 ^ 3);
        z += w[m4 & mask] * sv[m4 >>> 31];
        const m5 = mix32(Math.imul(h4 ^ codes[i0 + 4], FNV_PRIME) ^ 4);
        z += w[m5 & mask] * sv[m5 >>> 31];
      }
    }
    for (let i = i0; i + charMin <= ce; i++) {
      // The first charMin - 1 code units only start the hash; every longer prefix up to charMax is a feature.
      let h: number = NS.char;
      const first = i + charMin - 1;
      let j = i;
      for (; j < first; j++) h = Math.imul(h ^ codes[j], FNV_PRIME);
      const end = Math.min(ce, i + charMax);
      for (; j < end; j++) {
        h = Math.imul(h ^ codes[j], FNV_PRIME);
        const m = mix32(h ^ (j - i));
        z += w[m & mask] * sv[m >>> 31];
      }
    }
    return z;
  }

  /** {@link emitContext} for `scoreRows`. */
  private scoreContext(j: number, nsWord: number, nsCue: number, w: Float32Array, z: number): number {
    const o = this.opts;
    const mask = this.mask;
    const sx = this.signContext;
    const ws = this.wordStart[j];
    const we = this.wordStart[j + 1];
    if (we > ws) {
      const v = (o.contextWeight * o.wordWeight) / Math.sqrt(we - ws);
      sx[0] = Math.fround(v);
      sx[1] = Math.fround(-v);
      const wh = this.wordHashes;
      for (let i = ws; i < we; i++) {
        const m = mix32(wh[i] ^ nsWord);
        z += w[m & mask] * sx[m >>> 31];
      }
    }
    const cs = this.cueStart[j];
    const ce = this.cueStart[j + 1];
    const vc = o.contextWeight * o.cueWeight;
    sx[0] = Math.fround(vc);
    sx[1] = Math.fround(-vc);
    const cu = this.cueHashes;
    for (let i = cs; i < ce; i++) {
      const m = mix32(cu[i] ^ nsCue);
      z += w[m & mask] * sx[m >>> 31];
    }
    return z;
  }

  /** An upper bound on the entries `featurizeDocument` emits for sentence `k` of `n` (`len` code units). */
  private rowBound(k: number, n: number, len: number): number {
    const o = this.opts;
    const nw = this.wordStart[k + 1] - this.wordStart[k];
    let b = 2 * nw + 1 + (this.cueStart[k + 1] - this.cueStart[k]);
    if (this.classes !== undefined) b += (nw + 2) * (this.opts.classMaxN ?? 3);
    if (o.charMin > 0) b += (len + 2) * Math.max(0, o.charMax - o.charMin + 1);
    if (k > 0) b += this.wordStart[k] - this.wordStart[k - 1] + this.cueStart[k] - this.cueStart[k - 1];
    if (k + 1 < n) b += this.wordStart[k + 2] - this.wordStart[k + 1] + this.cueStart[k + 2] - this.cueStart[k + 1];
    return b;
  }

  /** Class 1…classMaxN-grams of the words `[ws, we)`, with sentence start/end markers. */
  private emitClasses(ws: number, we: number): void {
    const table = this.classes as WordClasses;
    const nw = we - ws;
    if (nw === 0) return;
    const maxN = this.opts.classMaxN ?? 3;
    if (this.classIds.length < nw + 2) this.classIds = new Int32Array(nw * 2 + 2);
    const ids = this.classIds;
    ids[0] = 256; // <s>
    for (let i = 0; i < nw; i++) {
      const h = this.wordHashes[ws + i];
      const c = table.get(h);
      // Class 255 marks a word kept as itself (closed-class words: "we", "not", "than"…).
      ids[i + 1] = c === 255 ? h : c !== 0 ? c : this.wordShapes[ws + i];
    }
    ids[nw + 1] = 257; // </s>
    const v = (this.opts.classWeight as number) / Math.sqrt(nw);
    for (let i = 0; i < nw + 2; i++) {
      let h: number = NS.cls;
      for (let n = 1; n <= maxN && i + n <= nw + 2; n++) {
        h = Math.imul(h ^ ids[i + n - 1], FNV_PRIME);
        // A lone boundary marker carries nothing.
        if (n === 1 && (i === 0 || i === nw + 1)) continue;
        this.emit(h ^ (n << 24), v);
      }
    }
  }

  private emitContext(j: number, nsWord: number, nsCue: number): void {
    const o = this.opts;
    const ws = this.wordStart[j];
    const we = this.wordStart[j + 1];
    if (we > ws) {
      const v = (o.contextWeight * o.wordWeight) / Math.sqrt(we - ws);
      for (let i = ws; i < we; i++) this.emit(this.wordHashes[i] ^ nsWord, v);
    }
    const cs = this.cueStart[j];
    const ce = this.cueStart[j + 1];
    const vc = o.contextWeight * o.cueWeight;
    for (let i = cs; i < ce; i++) this.emit(this.cueHashes[i] ^ nsCue, vc);
  }
}
