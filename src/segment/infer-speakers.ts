import type { Role } from "../core/types.js";
import { wordsOf, shingleHits } from "../clean/find-teaser.js";
import { charClass, codePointAt, isSpace, LETTER, NUMBER } from "../clean/char-class.js";
import { aliasPattern, findReferences, type Participant, type Reference } from "./find-participants.js";
import { CUE_WORDS, wordsPattern } from "./cue-words.js";

/** The speaker decided for one turn. */
export interface Attribution {
  speaker: string;
  role: Role;
  confidence: number;
  evidence: string[];
  heardAs?: string;
}

/** What {@link inferSpeakers} needs to know about a turn. */
export interface TurnView {
  text: string;
  isTeaser: boolean;
  /** True when the turn holds a listener comment read out. */
  readsListener: boolean;
  notes: string[];
  /** False when the text cannot hold "I'm", "I am" nor "my name is" (the SELF bit of its `cueMask`); tested when not given. */
  selfWords?: boolean;
  /** The number of words (`countWords`; computed when not given). */
  words?: number;
  /** False when the text cannot hold a station break nor a phone number ({@link STATION}; the STATION bit of its `cueMask`). */
  stationWords?: boolean;
}

const BACKCHANNEL_MAX_WORDS = 3;
const GREETING = /\b(?:thanks?(?: so much| you)?(?: so much)? for having me|good (?:morning|afternoon|evening)|^hi\b|^hello\b|thank(?:s| you)(?: so much)? for (?:taking my call|having me))/i;
export const STATION = /\b\d(?:\s\d){6,}\b|\b(?:give us a call|we want to hear from you|we wanna hear from you|stay tuned|welcome back|when we get back|after the break|you can find us|email(?: address)? is|emails? |thanks for listening|that's our show|that's all for)/i;

/**
 * Name the speaker of every turn from on-air evidence, in order of strength: the host's
 * self-introduction; the previous turn addressing or introducing someone ("Welcome, Lena.",
 * "let's bring in Rosa", "Sam, what do you think?"), so this turn is that person's answer;
 * a back-channel ("Hmm.", "Yeah.") in the middle of someone's answer, which is the host's, after
 * which the interrupted speaker resumes; host-like content (questions put by name, station
 * breaks, listener comments read out); a greeting to the host, which is never the host's; and
 * last the alternation of host and the guest who holds the floor (with a vocabulary comparison
 * between guests where nothing else decides). A long non-host-like turn right after a guest's is
 * given to the other guest. Without any named host or guests, turns are "Speaker 1" /
 * "Speaker 2" with role unknown. A teaser turn takes the speaker of the passage it repeats.
 *
 * @example
 * inferSpeakers(views, participants)[0]; // { speaker: "Ana Ruiz", role: "host", confidence: 0.95, evidence: [...] }
 */
export function inferSpeakers(turns: readonly TurnView[], people: readonly Participant[], pattern = aliasPattern(people)): Attribution[] {
  const hosts = people.filter((p) => p.role === "host");
  const others = people.filter((p) => p.role !== "host");
  const refs: Reference[][] = turns.map((t) => findReferences(t.text, people, pattern));
  // Teaser turns are attributed from the passage they repeat: their words are not counted.
  const words = turns.map((t) => (t.isTeaser ? 0 : (t.words ?? countWords(t.text))));
  const out: Attribution[] = new Array(turns.length);
  const selfIntros = hosts.map((h) => new RegExp(`\\b(?:I'm|I am|my name is)\\s+${escape(h.name)}`));
  const isHost = (p: Participant | undefined) => !!p && p.role === "host";

  const attr = (p: Participant | undefined, confidence: number, evidence: string[], hostSlot = false): Attribution => {
    if (p) return { speaker: p.name, role: p.role, confidence, evidence, heardAs: p.heardAs };
    return { speaker: hostSlot ? "Speaker 1" : "Speaker 2", role: "unknown", confidence: Math.min(confidence, 0.3), evidence: [...evidence, "no name said on air"] };
  };

  let prev: Participant | undefined;
  let prevWasHost = false;
  let prevBackchannel = false;
  let beforeBackchannel: Participant | undefined;
  let lastHost: Participant | undefined = hosts[0];
  let floor: Participant | undefined = others.filter((p) => p.role === "guest").sort((a, b) => a.turn - b.turn)[0];
  let guestFloor = floor;
  const spoken = new Map<Participant, number>();
  const lastSpoke = new Map<Participant, number>();
  let pending: { who: Participant; why: string } | undefined;

  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    if (t.isTeaser) continue;
    const r = refs[i];
    const selfIntro = hosts.length > 0 && (t.selfWords ?? mayIntroduce(t.text)) ? hosts.find((h, k) => selfIntros[k].test(t.text)) : undefined;
    // Up to three decisions below ask whether the turn greets: test once, when first asked.
    let greets: boolean | undefined;
    const greeting = () => (greets ??= GREETING.test(t.text));
    const vocatives = r.filter((x) => x.kind === "vocative" || x.kind === "intro");
    // With two hosts, a host named in a vocative is spoken to by the other host, not by a guest.
    const hostAddressed = r.find((x) => isHost(x.who) && x.kind === "vocative");
    const coHost = hosts.length > 1 && hostAddressed && !greeting() ? hosts.find((h) => h !== hostAddressed.who) : undefined;
    const addressesHost = !coHost && r.some((x) => isHost(x.who) && (x.kind === "vocative" || x.kind === "thanks"));
    const addressesOther = vocatives.some((x) => !isHost(x.who));
    const backchannel = words[i] <= BACKCHANNEL_MAX_WORDS && !addressesOther;
    const station = t.stationWords !== false && STATION.test(t.text);
    const hostLike = (addressesOther ? 1 : 0) + (t.readsListener ? 1 : 0) + (station ? 1 : 0) + (/\?\s*$/.test(t.text) && words[i] > 4 ? 0.5 : 0);
    let who: Participant | undefined;
    let a: Attribution;
    const hostNow = () => lastHost ?? hosts[0];

    if (coHost && !selfIntro) {
      who = coHost;
      a = attr(who, 0.8, [`speaks to co-host ${hostAddressed!.who.name}: "${contextOf(t.text, hostAddressed!)}"`]);
    } else if (selfIntro) {
      who = selfIntro;
      a = attr(who, 0.95, [`self-introduction: "I'm ${who.name}"`]);
    } else if (pending && !(isHost(pending.who) === false && hostLike >= 2 && !addressesHost)) {
      who = pending.who;
      a = attr(who, 0.9, [pending.why]);
    } else if (backchannel && prev && !prevWasHost) {
      who = hostNow();
      a = attr(who, 0.7, [`back-channel "${t.text}" during ${prev.name}'s answer`], true);
    } else if (prevBackchannel && beforeBackchannel && !isHost(beforeBackchannel) && hostLike < 1) {
      who = beforeBackchannel;
      a = attr(who, 0.75, [`resumes after the host's back-channel`]);
    } else if (hostLike >= 1 && !addressesHost) {
      who = hostNow();
      a = attr(who, 0.75, [hostEvidence(t.text, r, t.readsListener, station)], true);
    } else if (addressesHost || greeting()) {
      who = floor;
      a = attr(who, 0.6, [`speaks to the host: "${t.text.slice(0, 40)}"`]);
    } else if (prev && !prevWasHost) {
      if (words[i] >= 150 && hostLike === 0) {
        who = [...spoken.keys()].filter((p) => p !== prev && p.role === "guest").sort((x, y) => (spoken.get(y) ?? 0) - (spoken.get(x) ?? 0))[0];
        a = who ? attr(who, 0.45, [`long answer right after ${prev.name}: the other guest`]) : attr(hostNow(), 0.5, ["alternation"], true);
        if (!who) who = hostNow();
      } else {
        who = hostNow();
        a = attr(who, 0.6, [`alternation: after ${prev.name}`], true);
      }
    } else if (prev && floor && openQuestion(turns[i - 1]?.text ?? "")) {
      // An open question (no "you") after one guest's answer usually goes to the other guest.
      const other = [...spoken.keys()].filter((p) => p !== floor && p.role === "guest").sort((x, y) => (lastSpoke.get(x) ?? 0) - (lastSpoke.get(y) ?? 0))[0];
      who = other ?? floor;
      a = attr(who, 0.5, [other ? `open question to the panel after ${floor.name}'s answer: the other guest` : `alternation: ${floor.name} holds the floor`]);
    } else {
      who = floor;
      a = attr(who, 0.55, [floor ? `alternation: ${floor.name} holds the floor` : "alternation"]);
    }
    a.evidence.push(...t.notes);
    out[i] = a;

    // Update the state for the next turn.
    pending = undefined;
    // A host's vocative or introduction hands over the floor; anyone else's only by a question.
    const target = [...r]
      .reverse()
      .find((x) => (x.kind === "vocative" || x.kind === "intro") && x.who !== who && (isHost(who) || who === undefined || /^[^.!]*\?/.test(t.text.slice(x.at))));
    if (target) pending = { who: target.who, why: `${target.kind === "intro" ? "introduced" : "addressed"} in the turn before: "${contextOf(t.text, target)}"` };
    for (const x of r) if (x.kind === "thanks" && x.who.role === "caller" && floor === x.who) floor = guestFloor;
    prevBackchannel = backchannel && !!prev && !prevWasHost;
    beforeBackchannel = prevBackchannel ? prev : undefined;
    prev = who;
    prevWasHost = who ? isHost(who) : a.speaker === "Speaker 1";
    if (who && isHost(who)) lastHost = who;
    if (who && !isHost(who) && words[i] >= 4 && !greeting()) {
      floor = who;
      if (who.role === "guest") guestFloor = who;
    }
    if (who && !isHost(who)) {
      spoken.set(who, (spoken.get(who) ?? 0) + words[i]);
      lastSpoke.set(who, i);
    }
  }

  compareVocabulary(turns, out, others);
  attributeTeasers(turns, out);
  return out;
}

/** A question of some length put to nobody in particular: no "you" in it (besides "you know", "thank you"). */
function openQuestion(text: string): boolean {
  const words = text.split(/\s+/).length;
  const bare = text.replace(/\b(?:you know|thank you)\b/gi, "");
  return words >= 25 && text.includes("?") && !/\b(?:you|your|you're|you'd|you've|you'll)\b/i.test(bare);
}

/** Where only alternation decided between guests, let the vocabulary of each guest's sure turns decide. */
function compareVocabulary(turns: readonly TurnView[], out: Attribution[], others: readonly Participant[]): void {
  const guests = others.filter((p) => p.role === "guest");
  if (guests.length < 2) return;
  const profiles = new Map<string, Map<string, number>>();
  turns.forEach((t, i) => {
    const a = out[i];
    if (!a || a.confidence < 0.7 || !guests.some((g) => g.name === a.speaker)) return;
    const prof = profiles.get(a.speaker) ?? new Map<string, number>();
    for (const w of wordsOf(t.text)) prof.set(w, (prof.get(w) ?? 0) + 1);
    profiles.set(a.speaker, prof);
  });
  if (profiles.size < 2) return;
  turns.forEach((t, i) => {
    const a = out[i];
    if (!a || a.confidence > 0.55 || !guests.some((g) => g.name === a.speaker)) return;
    const ws = wordsOf(t.text);
    if (ws.length < 40) return;
    const vec = new Map<string, number>();
    for (const w of ws) vec.set(w, (vec.get(w) ?? 0) + 1);
    const scores = [...profiles].map(([name, prof]) => [name, cosine(vec, prof)] as const).sort((x, y) => y[1] - x[1]);
    const own = scores.find(([n]) => n === a.speaker)?.[1] ?? 0;
    const [bestName, best] = scores[0];
    if (bestName !== a.speaker && best - own > 0.02) {
      const g = guests.find((p) => p.name === bestName)!;
      out[i] = { speaker: g.name, role: g.role, confidence: 0.5, evidence: [...a.evidence, `vocabulary closer to ${g.name}'s answers (${best.toFixed(2)} vs ${own.toFixed(2)})`], heardAs: g.heardAs };
    }
  });
}

/** A teaser turn is spoken by whoever speaks the passage it repeats. */
function attributeTeasers(turns: readonly TurnView[], out: Attribution[]): void {
  if (!turns.some((t) => t.isTeaser)) return;
  // Only shingles a teaser turn has can vote: the programme turns are scanned for those alone.
  const { shingles, where } = shingleHits(
    turns.map((t) => t.text),
    turns.map((t) => t.isTeaser),
  );
  turns.forEach((t, i) => {
    if (!t.isTeaser) return;
    const votes = new Map<number, number>();
    for (const s of shingles[i]!) for (const j of where.get(s)!) votes.set(j, (votes.get(j) ?? 0) + 1);
    const best = [...votes].sort((a, b) => b[1] - a[1])[0];
    const src = best ? out[best[0]] : undefined;
    out[i] = src
      ? { ...src, confidence: Math.round(src.confidence * 0.9 * 100) / 100, evidence: [`teaser: repeats turn ${best[0]} (${best[1]} shared 3-word phrases)`, ...src.evidence] }
      : { speaker: "unknown", role: "unknown", confidence: 0, evidence: ["teaser with no later passage found"] };
  });
}

const SELF_WORDS = wordsPattern(CUE_WORDS.self);

/** Whether the self-introduction patterns (`I'm`, `I am`, `my name is` + name) can match. */
function mayIntroduce(t: string): boolean {
  return SELF_WORDS.test(t);
}

/** Whitespace-separated pieces holding a letter or a digit: `split(/\s+/).filter(/[\p{L}\p{N}]/u)`, counted by a scan. */
function countWords(t: string): number {
  let n = 0;
  let inPiece = false;
  let counted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (isSpace(c)) {
      inPiece = false;
      continue;
    }
    if (!inPiece) {
      inPiece = true;
      counted = false;
    }
    if (counted) continue;
    let ln: boolean;
    if (c < 128) ln = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    else {
      const cp = codePointAt(t, i);
      ln = (charClass(cp) & (LETTER | NUMBER)) !== 0;
      if (cp > 0xffff) i++;
    }
    if (ln) {
      n++;
      counted = true;
    }
  }
  return n;
}

function hostEvidence(text: string, refs: readonly Reference[], readsListener: boolean, station: boolean): string {
  const v = [...refs].reverse().find((x) => x.kind === "vocative" || x.kind === "intro");
  if (v) return `host puts the floor to ${v.who.name}: "${contextOf(text, v)}"`;
  if (readsListener) return "host reads a listener comment";
  const m = station ? STATION.exec(text) : null;
  return m ? `station break / call-in: "${m[0]}"` : "host-like turn";
}

function contextOf(text: string, r: Reference): string {
  const a = Math.max(0, text.lastIndexOf(" ", Math.max(0, r.at - 25)));
  return text.slice(a, Math.min(text.length, r.end + 25)).trim();
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
