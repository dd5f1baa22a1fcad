import type { Role } from "../core/types.js";
import type { Participant } from "./find-participants.js";
import type { Attribution } from "./infer-speakers.js";

const GENERIC = /^(?:speaker|spk|spkr|voice|s)[\s_#-]*(\d+)$/i;
const ROLE_WORDS: [RegExp, Role][] = [
  [/\b(?:host|anchor|moderator|presenter|interviewer)\b/i, "host"],
  [/\b(?:guest|panelist|interviewee)\b/i, "guest"],
  [/\bcaller\b/i, "caller"],
];

/**
 * Turn a speaker label as a file writes it into a display name and, where the label says so, a
 * role: `ANA RUIZ` → `Ana Ruiz`; `AUDIE CORNISH, HOST` → `Audie Cornish` (host);
 * `SPEAKER_01` → `Speaker 1` (generic: the file does not know the name either).
 *
 * @example
 * normaliseLabel("ANA RUIZ, HOST"); // { name: "Ana Ruiz", role: "host", generic: false }
 */
export function normaliseLabel(label: string): { name: string; role: Role | null; generic: boolean } {
  let text = label.trim().replace(/\s+/g, " ");
  let role: Role | null = null;
  const comma = /^(.*?)[,(]\s*([^,()]+)\)?$/.exec(text);
  if (comma) {
    for (const [re, r] of ROLE_WORDS) if (re.test(comma[2])) role = r;
    if (role) text = comma[1].trim();
  }
  const generic = GENERIC.exec(text);
  if (generic) return { name: `Speaker ${Number(generic[1])}`, role, generic: true };
  for (const [re, r] of ROLE_WORDS) if (re.test(text) && text.split(" ").length === 1) return { name: text[0].toUpperCase() + text.slice(1).toLowerCase(), role: r, generic: true };
  // All capitals (broadcast style) → title case; mixed case is kept as written.
  if (text === text.toUpperCase() && /\p{Lu}/u.test(text))
    text = text.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase()).replace(/\bMc(\p{L})/gu, (_, c: string) => "Mc" + c.toUpperCase());
  return { name: text, role, generic: false };
}

/** The participant (introduced on air) a labelled name refers to, by full name, alias or surname. */
function matchParticipant(name: string, people: readonly Participant[]): Participant | undefined {
  const key = name.toLowerCase();
  const last = key.split(" ").pop()!;
  return (
    people.find((p) => p.name.toLowerCase() === key || p.aliases.includes(key)) ??
    people.find((p) => p.name.toLowerCase().split(" ").pop() === last && last.length > 2)
  );
}

function majority<T>(xs: T[]): { value: T; share: number; count: number } | undefined {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  let best: T | undefined;
  let count = 0;
  for (const [k, v] of n) if (v > count) [best, count] = [k, v];
  return best === undefined ? undefined : { value: best, share: count / xs.length, count };
}

/**
 * Name turns whose cues carry a speaker label (`NAME:` transcripts, VTT `<v>`, JSON `speaker`).
 * A named label wins over inference from content (confidence 0.95), spelled as the show spells the
 * person when someone is introduced on air under that name. A generic label (`SPEAKER_01`) is named
 * after the person the content points to when most of that label's turns agree on one person, and
 * stays `Speaker N` otherwise. Roles come from the label ("…, HOST"), the introductions, or the
 * majority of what inference says about that label's turns. Unlabelled turns keep their inference.
 *
 * @example
 * applyLabels(["ANA RUIZ", undefined], inferred, people)[0].speaker; // "Ana Ruiz"
 */
export function applyLabels(labels: readonly (string | undefined)[], inferred: readonly Attribution[], people: readonly Participant[]): Attribution[] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    if (l === undefined) return;
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  if (byLabel.size === 0) return [...inferred];
  const out = [...inferred];
  const taken = new Set<string>();
  for (const [label, turns] of byLabel) {
    const norm = normaliseLabel(label);
    const votes = turns.map((i) => inferred[i]).filter((a) => a.confidence >= 0.5 && !/^Speaker \d+$|^unknown$/.test(a.speaker));
    let name = norm.name;
    let evidence = `speaker label in the file: "${label}"`;
    let confidence = 0.95;
    const person = norm.generic ? undefined : matchParticipant(norm.name, people);
    if (person) {
      if (person.name !== norm.name) evidence += ` (introduced on air as ${person.name})`;
      name = person.name;
    } else if (norm.generic) {
      const top = majority(votes.map((v) => v.speaker));
      if (top && top.count >= 2 && top.share >= 0.6 && !taken.has(top.value)) {
        name = top.value;
        evidence += `; ${top.count} of its ${turns.length} turns point to ${top.value} on air`;
        confidence = 0.6;
      } else confidence = 0.5;
    }
    taken.add(name);
    const roleVote = majority(turns.map((i) => inferred[i]).filter((a) => a.confidence >= 0.5 && a.role !== "unknown").map((a) => a.role));
    const role: Role = norm.role ?? person?.role ?? (roleVote && roleVote.share >= 0.5 ? roleVote.value : "unknown");
    for (const i of turns) {
      const a: Attribution = { speaker: name, role, confidence, evidence: [evidence] };
      if (person?.heardAs) a.heardAs = person.heardAs;
      out[i] = a;
    }
  }
  return out;
}
