import type { Claim, EvidenceLink, Suggestion } from "../core/types.js";
import type { DatasetRow, DatasetSource } from "./index.js";
import { rowsFor, type DatasetIndex } from "./index-dataset.js";
import type { LinkConfig, MetricCue, MetricInfo } from "./link-config.js";
import { claimFigures, mentionsOf, type Figure } from "./claim-figures.js";
import { isStateProper, stateName, STATE_NAMES } from "./states.js";
import { judge, suggestVerdict, type Judged, type SubjectResult } from "./suggest-verdict.js";

/** What a claim leaves for the next claims of the same turn: its metric cue and year. */
export interface LinkContext {
  turnIndex: number;
  sentenceIndex: number;
  cue: MetricCue;
  year: number | null;
}

/** Everything `matchClaim` reads besides the claim. */
export interface MatchInput {
  index: DatasetIndex;
  sources: Map<string, DatasetSource>;
  config: LinkConfig;
  airDate?: string;
  /** The last linked claim before this one, for elliptical sentences ("New York got $0.93."). */
  context?: LinkContext | null;
}

/** A claim's links, suggestion, and the context it leaves for the next claim. */
export interface MatchResult {
  links: EvidenceLink[];
  suggestion: Suggestion | null;
  context: LinkContext | null;
}

/** How many sentences back a claim may borrow a metric or year from. */
const CONTEXT_REACH = 3;

const ORDINAL_SUFFIX = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
const SUPERLATIVE = /\b(largest|biggest|richest|highest|most populous|smallest|poorest|lowest|least populous)\b/i;
const WORLD = /\b(in the world|world's|worldwide|globally|on (?:the )?(?:planet|earth)|of any country|among (?:all )?(?:countries|nations)|on earth)\b/i;
const RATIO = /\b(\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)\s*(?:times|x)\s+(?:the\s+|as\s+(?:many|much|large|big)\s+)?(?:([a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+)?(?:of|as|that of)\s/i;
const SHARE = /(\d[\d.]*)\s*(?:%|percent)\s+of\s+(?:the\s+)?(?:(?:america's|american|us|u\.s\.|united states'?|national|nation's|country's|whole|entire|total)\s+)*(\w+)/i;

function formatter(info: MetricInfo | undefined, metric: string): (v: number) => string {
  const unit = info?.unit ?? "";
  if (unit === "per-dollar") return (v) => `$${v.toFixed(2)}`;
  if (unit === "usd") {
    return (v) => {
      const a = Math.abs(v);
      const s = v < 0 ? "-" : "";
      if (a >= 1e12) return `${s}$${(a / 1e12).toFixed(2)}T`;
      if (a >= 1e9) return `${s}$${(a / 1e9).toFixed(1)}B`;
      if (a >= 1e6) return `${s}$${(a / 1e6).toFixed(1)}M`;
      return `${s}$${Math.round(a).toLocaleString("en-US")}`;
    };
  }
  if (unit === "count" || metric === "population") return (v) => Math.round(v).toLocaleString("en-US");
  return (v) => String(Math.round(v * 100) / 100);
}

function sourceLabel(sources: Map<string, DatasetSource>, id: string, year?: number): string {
  const l = sources.get(id)?.label ?? sources.get(id)?.publisher ?? id;
  return year === undefined || l.includes(String(year)) ? l : `${l} ${year}`;
}

function variantText(r: DatasetRow): string {
  if (!r.variant) return "";
  if (r.table === "balance_of_payments") return r.variant === "unknown" ? "COVID relief: not stated" : `COVID relief ${r.variant}`;
  return r.variant;
}

function rowNote(r: DatasetRow, sources: Map<string, DatasetSource>, metricLabel: string, yearNote: string, extra?: string): string {
  const s = sources.get(r.sourceId);
  const parts = [`${sourceLabel(sources, r.sourceId)}: ${metricLabel}`];
  const v = variantText(r);
  if (v) parts.push(v);
  if (r.derived) parts.push(r.derived);
  if (s?.method) parts.push(`method: ${s.method}`);
  if (s?.yearBasis) parts.push(`year basis: ${s.yearBasis}`);
  parts.push(yearNote);
  if (extra) parts.push(extra);
  return parts.join("; ");
}

function link(r: DatasetRow, claimed: number | null, note: string): EvidenceLink {
  return { sourceId: r.sourceId, table: r.table, state: r.state, year: r.year, metric: r.metric, value: r.value, claimed, note };
}

/**
 * Rows of one metric and state for the claim's year: the year it names, else the latest year on
 * or before the air date (every source and variant with a row in that year, side by side). Returns the rows and a note saying which.
 *
 * @example
 * selectRows(index, "population", "WY", null, "2025-11-14").note; // "no year named: latest on or before the air date 2025-11-14 (2024)"
 */
export function selectRows(index: DatasetIndex, metric: string, state: string, year: number | null, airDate: string | undefined, yearWhy = "named in the claim"): { rows: DatasetRow[]; note: string; years: number[] } {
  const all = rowsFor(index, metric, state);
  const years = [...new Set(all.map((r) => r.year))];
  if (year !== null) return { rows: all.filter((r) => r.year === year), note: `year ${year} ${yearWhy}`, years };
  const airYear = airDate ? Number(airDate.slice(0, 4)) : Infinity;
  const target = Math.max(-Infinity, ...all.filter((r) => r.year <= airYear).map((r) => r.year));
  const rows = all.filter((r) => r.year === target);
  const note = airDate ? `no year named: latest on or before the air date ${airDate} (${target})` : `no year named and no air date: latest year (${target})`;
  return { rows, note, years };
}

function firstCue(text: string, config: LinkConfig): MetricCue | null {
  for (const c of config.cues) if (c.patterns.some((p) => p.test(text))) return c;
  return null;
}

/** Each direction pattern's global, case-insensitive twin, compiled once. */
const globalTwin = new WeakMap<RegExp, RegExp>();

function directionMatches(text: string, config: LinkConfig): { dir: "donor" | "taker"; at: number }[] {
  const out: { dir: "donor" | "taker"; at: number }[] = [];
  for (const dir of ["donor", "taker"] as const)
    for (const p of config.directions[dir]) {
      let g = globalTwin.get(p);
      if (!g) globalTwin.set(p, (g = new RegExp(p.source, "gi")));
      g.lastIndex = 0;
      for (let m; (m = g.exec(text)); ) {
        out.push({ dir, at: m.index });
        if (m[0] === "") g.lastIndex++;
      }
    }
  return out.sort((a, b) => a.at - b.at);
}

/** The figure (if any) a value claim states for a metric, converted to the metric's unit. */
function claimedFor(f: Figure | undefined, info: MetricInfo | undefined, metric: string, dir: "donor" | "taker" | null): number | null {
  if (!f) return null;
  const unit = info?.unit;
  if (unit === "per-dollar") return ["per-dollar", "money", "number", "ratio"].includes(f.kind) && f.value > 0 && f.value < 100 ? f.value : null;
  if (unit === "usd") {
    if (f.kind !== "money" && f.kind !== "number") return null;
    const perCapita = metric.includes("per_capita");
    if (perCapita ? f.value >= 1e6 : f.value < 1e6) return null;
    const sign = info?.pivot === 0 && dir === "donor" ? -1 : 1;
    return sign * Math.abs(f.value);
  }
  if (unit === "count") return (f.kind === "count" || f.kind === "number") && f.value >= 1000 ? f.value : null;
  return null;
}

function sameSourceYear(a: DatasetRow[], b: DatasetRow[]): [DatasetRow, DatasetRow][] {
  const pairs: [DatasetRow, DatasetRow][] = [];
  for (const x of a) {
    const y = b.find((r) => r.sourceId === x.sourceId && r.year === x.year && r.variant === x.variant);
    if (y) pairs.push([x, y]);
  }
  return pairs;
}

/**
 * Link one claim: detect its metric (cue table) and shape (value, ratio between states, share of
 * the US, rank among states, donor/taker direction, group), pick the rows for its year, and
 * build one `EvidenceLink` per source row used (plus one per derived figure) and a suggestion.
 * Claims with no state or no metric get no link and no suggestion.
 *
 * @example
 * matchClaim(claim, { index, sources, config, airDate: "2025-11-14" }).suggestion?.verdict; // "matches"
 */
export function matchClaim(claim: Claim, input: MatchInput): MatchResult {
  const none: MatchResult = { links: [], suggestion: null, context: null };
  const { config, index, sources, airDate } = input;
  const states = [...new Set(claim.states)].filter((s) => s in STATE_NAMES || (s.startsWith("group:") && s in config.groups));
  if (states.length === 0) return none;
  const text = claim.normal;
  const figures = claimFigures(claim);
  const ctx = input.context && input.context.turnIndex === claim.turnIndex && claim.sentenceIndex - input.context.sentenceIndex <= CONTEXT_REACH && claim.sentenceIndex >= input.context.sentenceIndex ? input.context : null;

  let cue = firstCue(text, config);
  const remarks: string[] = [];
  let carried = false;
  const valueFigures = figures.filter((f) => f.kind !== "rank" && f.kind !== "year");
  if (!cue && ctx && valueFigures.length > 0 && !RATIO.test(text) && !SHARE.test(text)) {
    cue = ctx.cue;
    carried = true;
    remarks.push("metric carried from an earlier sentence");
  }
  let year = claim.year;
  let yearWhy = "named in the claim";
  if (year === null && ctx && ctx.year !== null && ctx.cue.id === cue?.id) {
    year = ctx.year;
    yearWhy = "carried from an earlier sentence";
  }
  const f = (m: string) => formatter(config.metrics[m], m);
  const label = (m: string) => config.metrics[m]?.label ?? m.replace(/_/g, " ");
  const links: EvidenceLink[] = [];
  const subjects: SubjectResult[] = [];
  const real = states.filter((s) => !s.startsWith("group:"));
  const mentions = mentionsOf(text, states, config.groupTerms);
  const ordered = [...mentions].sort((a, b) => (a.at < 0 ? 1e9 : a.at) - (b.at < 0 ? 1e9 : b.at));

  // Rank: "fourth largest economy (in the world)".
  const rankFig = figures.find((x) => x.kind === "rank");
  const superlative = SUPERLATIVE.exec(text);
  if (cue && superlative && (rankFig || /\b(the|our)\s+(largest|biggest)\b/i.test(text)) && real.some(isStateProper)) {
    const subject = ordered.find((m) => isStateProper(m.code))?.code ?? real.find(isStateProper)!;
    const claimedRank = rankFig?.value ?? 1;
    const metric = cue.metrics[0];
    if (WORLD.test(text)) {
      return {
        links: [],
        suggestion: {
          verdict: "no data",
          reason: `${stateName(subject)}: the claim ranks it among world economies (${ORDINAL_SUFFIX(claimedRank)}); the dataset has US states only, so it cannot check a world ranking (that needs IMF or World Bank country GDP)`,
        },
        context: null,
      };
    }
    const low = /smallest|poorest|lowest|least/i.test(superlative[1]);
    const { rows, note } = selectRows(index, metric, subject, year, airDate, yearWhy);
    const judged: Judged[] = [];
    for (const r of rows) {
      const peers = [...(index.get(metric)?.entries() ?? [])]
        .filter(([s]) => isStateProper(s))
        .map(([, list]) => list.find((x) => x.sourceId === r.sourceId && x.year === r.year && x.variant === r.variant))
        .filter((x): x is DatasetRow => !!x);
      if (peers.length < 40) continue;
      const rank = 1 + peers.filter((p) => (low ? p.value < r.value : p.value > r.value)).length;
      const m = `${metric}_rank_among_states`;
      links.push(link(r, null, rowNote(r, sources, label(metric), note)));
      links.push({ ...link(r, claimedRank, rowNote(r, sources, `rank among ${peers.length} states by ${label(metric)}${low ? " (ascending)" : ""}`, note, "derived")), metric: m, value: rank });
      judged.push(judge({ label: `${sourceLabel(sources, r.sourceId, r.year)} rank among states by ${label(metric)}`, recorded: rank, claimed: claimedRank, kind: "rank", format: ORDINAL_SUFFIX }));
    }
    subjects.push({ subject: stateName(subject), judged, missing: `no ${label(metric)} for all states in that year` });
    return { links, suggestion: suggestVerdict(subjects), context: null };
  }

  // Ratio between two states: "67 times the population of Wyoming".
  const ratio = RATIO.exec(text);
  const ratioFig = figures.find((x) => x.kind === "ratio") ?? (ratio ? { kind: "ratio" as const, value: Number(ratio[1].replace(/,/g, "")) || 0, text: ratio[0], at: ratio.index, decimals: 0 } : undefined);
  const pair = ordered.filter((m) => isStateProper(m.code) || m.code === "DC");
  if (ratio && pair.length >= 2 && ratioFig && ratioFig.value > 0) {
    const slot = (ratio[2] ?? "").toLowerCase();
    let metric: string | null = null;
    if (slot) metric = cue && cue.patterns.some((p) => p.test(slot)) ? cue.metrics[0] : (config.cues.find((c) => c.patterns.some((p) => p.test(slot)))?.metrics[0] ?? null);
    else if (config.ratioMissingMetric) {
      metric = cue?.metrics[0] ?? config.ratioMissingMetric;
      if (!cue) remarks.push(`the metric word is missing from the text; assumed ${label(metric)}`);
    }
    if (!metric) return none;
    const [a, b] = [pair[0].code, pair[1].code];
    const ra = selectRows(index, metric, a, year, airDate, yearWhy);
    const rb = selectRows(index, metric, b, year, airDate, yearWhy);
    const judged: Judged[] = [];
    for (const [x, y] of sameSourceYear(ra.rows, rb.rows)) {
      if (y.value === 0) continue;
      const value = x.value / y.value;
      const assumed = remarks.find((r) => r.startsWith("the metric word"));
      links.push(link(x, null, rowNote(x, sources, label(metric), ra.note)));
      links.push(link(y, null, rowNote(y, sources, label(metric), rb.note)));
      links.push({
        ...link(x, ratioFig.value, rowNote(x, sources, `${label(metric)} ratio ${a} ÷ ${b}`, ra.note, `derived: ${stateName(a)} ÷ ${stateName(b)}${assumed ? `; ${assumed}` : ""}`)),
        state: `${a}/${b}`,
        metric: `${metric}_ratio`,
        value: Math.round(value * 1000) / 1000,
      });
      judged.push(
        judge({ label: `${sourceLabel(sources, x.sourceId, x.year)}${x.variant ? ` ${x.variant}` : ""}`, recorded: value, claimed: ratioFig.value, claimedDecimals: ratioFig.decimals, format: (v) => `${Math.round(v * 10) / 10}×` }),
      );
    }
    subjects.push({ subject: `${stateName(a)} ÷ ${stateName(b)} ${label(metric)}`, judged, missing: `no ${label(metric)} for both states in the same year and source`, remarks });
    return { links, suggestion: suggestVerdict(subjects), context: null };
  }

  // Share of the US: "15% of America's GDP".
  const share = SHARE.exec(text);
  const shareFig = figures.find((x) => x.kind === "percent");
  if (share && shareFig && real.some(isStateProper)) {
    const word = share[2].toLowerCase();
    const shareCue = config.cues.find((c) => c.patterns.some((p) => p.test(word))) ?? cue;
    if (!shareCue) return none;
    const metric = shareCue.metrics[0];
    const subject = ordered.find((m) => isStateProper(m.code))!.code;
    const rs = selectRows(index, metric, subject, year, airDate, yearWhy);
    const judged: Judged[] = [];
    for (const r of rs.rows) {
      let us = rowsFor(index, metric, "US").find((u) => u.sourceId === r.sourceId && u.year === r.year && u.variant === r.variant);
      if (!us) {
        // No published US total for this source and year: sum the states and DC, marked derived.
        const parts = [...(index.get(metric)?.entries() ?? [])]
          .filter(([s]) => s !== "US")
          .map(([, list]) => list.find((x) => x.sourceId === r.sourceId && x.year === r.year && x.variant === r.variant))
          .filter((x): x is DatasetRow => !!x);
        if (parts.length < 51) continue;
        us = { ...r, state: "US", value: parts.reduce((s, x) => s + x.value, 0), derived: `derived: sum of ${parts.length} states and DC` };
      }
      const value = (100 * r.value) / us.value;
      links.push(link(r, null, rowNote(r, sources, label(metric), rs.note)));
      links.push(link(us, null, rowNote(us, sources, label(metric), rs.note)));
      links.push({ ...link(r, shareFig.value, rowNote(r, sources, `share of US ${label(metric)} (%)`, rs.note, `derived: ${stateName(subject)} ÷ United States`)), state: `${subject}/US`, metric: `${metric}_share_of_us_pct`, value: Math.round(value * 100) / 100 });
      const points = shareFig.value - value;
      judged.push(judge({ label: `${sourceLabel(sources, r.sourceId, r.year)}`, recorded: value, claimed: shareFig.value, claimedDecimals: shareFig.decimals, format: (v) => `${Math.round(v * 100) / 100}%` }));
      remarks.push(`${points >= 0 ? "+" : ""}${points.toFixed(1)} percentage points against ${sourceLabel(sources, r.sourceId, r.year)}`);
    }
    subjects.push({ subject: `${stateName(subject)} share of US ${label(metric)}`, judged, missing: `no ${label(metric)} for ${stateName(subject)} and the US in the same year`, remarks });
    return { links, suggestion: suggestVerdict(subjects), context: null };
  }

  const dirs = directionMatches(text, config);
  // Value claims: a metric cue and a figure of the metric's unit for each state.
  const usable = cue ? valueFigures.filter((x) => cue!.metrics.some((m) => claimedFor(x, config.metrics[m], m, null) !== null)) : [];
  const valueStates = ordered.filter((m) => !m.code.startsWith("group:") && m.code !== "US");
  if (cue && usable.length > 0 && valueStates.length > 0) {
    // Pair each figure with the nearest state named before it (else the first state).
    const pairs = new Map<string, Figure | undefined>(valueStates.map((m) => [m.code, undefined]));
    if (valueStates.length === 1) pairs.set(valueStates[0].code, usable[0]);
    else
      for (const fig of usable) {
        const before = valueStates.filter((m) => m.at >= 0 && m.at <= fig.at).pop() ?? valueStates[0];
        if (!pairs.get(before.code)) pairs.set(before.code, fig);
      }
    for (const [state, fig] of pairs) {
      const dir = dirs.find((d) => d.at >= 0)?.dir ?? null;
      const judged: Judged[] = [];
      const missing: string[] = [];
      for (const metric of cue.metrics) {
        const info = config.metrics[metric];
        const claimed = claimedFor(fig, info, metric, dir);
        const sel = selectRows(index, metric, state, year, airDate, yearWhy);
        if (sel.rows.length === 0 && sel.years.length) missing.push(`${label(metric)} only for ${sel.years.join(", ")}`);
        for (const r of sel.rows) {
          links.push(link(r, claimed, rowNote(r, sources, label(metric), sel.note)));
          if (claimed !== null)
            judged.push(
              judge({
                label: `${sourceLabel(sources, r.sourceId, r.year)} ${label(metric)}${variantText(r) ? ` (${variantText(r)})` : ""}${r.derived ? " (derived)" : ""}`,
                recorded: r.value,
                claimed,
                claimedDecimals: fig?.decimals,
                pivot: info?.pivot,
                format: f(metric),
              }),
            );
        }
      }
      const yearText = year !== null ? `no ${year} figure` : "no figure";
      subjects.push({ subject: stateName(state), judged, missing: [yearText, ...missing].join("; "), remarks: carried ? remarks : undefined });
    }
    const hasFigure = [...pairs.values()].some((x) => x !== undefined);
    return {
      links,
      suggestion: hasFigure ? suggestVerdict(subjects) : null,
      context: { turnIndex: claim.turnIndex, sentenceIndex: claim.sentenceIndex, cue, year },
    };
  }

  // Direction claims: "X is a donor state", "red states take more than they give".
  if (dirs.length > 0) {
    for (const [i, m] of ordered.entries()) {
      if (m.code === "US") continue;
      const next = ordered[i + 1]?.at ?? Infinity;
      const dir = (dirs.find((d) => d.at >= m.at && d.at < (next < 0 ? Infinity : next)) ?? [...dirs].reverse().find((d) => d.at < m.at) ?? dirs[0]).dir;
      const wants = (v: number, pivot: number) => (dir === "taker" ? v > pivot : v < pivot);
      if (m.code.startsWith("group:")) {
        const members = config.groups[m.code] ?? [];
        const metric = config.groupMetric;
        const pivot = config.metrics[metric]?.pivot ?? 0;
        const bySource = new Map<string, DatasetRow[]>();
        for (const s of members) for (const r of selectRows(index, metric, s, year, airDate, yearWhy).rows) bySource.set(r.sourceId, [...(bySource.get(r.sourceId) ?? []), r]);
        const judged: Judged[] = [];
        for (const [sourceId, rows] of bySource) {
          // Only sources that cover (nearly) every member: a list of the extremes is not the group.
          if (rows.length < Math.max(2, Math.ceil(members.length * 0.9))) continue;
          const agree = rows.filter((r) => wants(r.value, pivot)).length;
          const share = agree / rows.length;
          const years = [...new Set(rows.map((r) => r.year))].join("/");
          const what = `${agree} of ${rows.length} ${stateName(m.code)} ${dir === "taker" ? "received more than they paid" : "paid more than they received"} (${label(metric)})`;
          links.push({ sourceId, table: rows[0].table, state: m.code, year: rows[0].year, metric: `${metric}_members_${dir}_pct`, value: Math.round(share * 1000) / 10, claimed: null, note: rowNote(rows[0], sources, label(metric), selectRows(index, metric, members[0], year, airDate, yearWhy).note, `derived: ${what}`) });
          const verdict = share >= 0.75 ? "matches" : share >= 0.5 ? "close" : share > 0.25 ? "off" : "contradicted";
          judged.push({ label: `${sourceLabel(sources, sourceId)} (${years}): ${what}`, recorded: share, claimed: null, verdict, rel: null, format: (v) => `${Math.round(v * 100)}%` });
        }
        subjects.push({ subject: `${stateName(m.code)} as ${dir}s`, judged, missing: "no figure covering the group's states" });
        continue;
      }
      const judged: Judged[] = [];
      for (const metric of config.directionMetrics) {
        const pivot = config.metrics[metric]?.pivot ?? 0;
        const sel = selectRows(index, metric, m.code, year, airDate, yearWhy);
        for (const r of sel.rows) {
          links.push(link(r, null, rowNote(r, sources, label(metric), sel.note)));
          judged.push(judge({ label: `${sourceLabel(sources, r.sourceId, r.year)} ${label(metric)}${variantText(r) ? ` (${variantText(r)})` : ""}`, recorded: r.value, claimed: null, kind: "direction", agrees: wants(r.value, pivot), format: f(metric) }));
        }
      }
      subjects.push({ subject: `${stateName(m.code)} as a ${dir}`, judged, missing: year !== null ? `no ${year} balance figure` : "no balance figure" });
    }
    if (subjects.length === 0) return none;
    return { links, suggestion: suggestVerdict(subjects), context: null };
  }

  // A metric and a state but no figure: show the recorded figures, suggest nothing.
  if (cue && valueStates.length > 0) {
    for (const m of valueStates)
      for (const metric of cue.metrics) {
        const sel = selectRows(index, metric, m.code, year, airDate, yearWhy);
        for (const r of sel.rows) links.push(link(r, null, rowNote(r, sources, label(metric), sel.note)));
      }
    return { links, suggestion: null, context: { turnIndex: claim.turnIndex, sentenceIndex: claim.sentenceIndex, cue, year } };
  }
  return none;
}
