import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** How a metric is shown and checked. `pivot` is the value that splits donors from takers. */
export interface MetricInfo {
  label: string;
  unit: "per-dollar" | "usd" | "count" | "percent" | string;
  pivot?: number;
}

/** A compiled metric cue: the first cue whose pattern matches a claim names its metrics. */
export interface MetricCue {
  id: string;
  metrics: string[];
  patterns: RegExp[];
}

/** Everything the linker reads besides the dataset rows. */
export interface LinkConfig {
  metrics: Record<string, MetricInfo>;
  cues: MetricCue[];
  directions: { donor: RegExp[]; taker: RegExp[] };
  directionMetrics: string[];
  groupMetric: string;
  ratioMissingMetric: string | null;
  /** Group id (`group:red-states`) → member state codes. */
  groups: Record<string, string[]>;
  /** Group id → words that name it in text ("red state", "gop states"), when the groups file gives them. */
  groupTerms: Record<string, string[]>;
}

/** The JSON layout of `data/fiscal/metric-cues.json`. */
export interface MetricCuesFile {
  metrics: Record<string, MetricInfo>;
  cues: { id: string; metrics: string[]; patterns: string[] }[];
  directions: { donor: string[]; taker: string[] };
  direction_metrics: string[];
  group_metric: string;
  ratio_missing_metric?: { metric: string } | null;
}

const rx = (s: string) => new RegExp(s, "i");

/**
 * Normalise a state-groups file of any of these shapes into `group:<id>` → codes:
 * `{ "red-states": ["AL", ...] }`, `{ "group:red-states": [...] }`,
 * `{ "groups": { "red-states": { "states": [...] } } }`, `[{ "id": "red-states", "states": [...] }]`.
 * Anything else yields no groups.
 *
 * @example
 * normaliseGroups({ groups: { "red-states": { states: ["AL"] } } }); // { "group:red-states": ["AL"] }
 */
export function normaliseGroups(json: unknown, terms: Record<string, string[]> = {}): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (id: unknown, v: unknown) => {
    const t = v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>).terms : null;
    const states = Array.isArray(v) ? v : v && typeof v === "object" ? ((v as Record<string, unknown>).states ?? (v as Record<string, unknown>).members) : null;
    if (typeof id !== "string" || !Array.isArray(states)) return;
    const codes = states.filter((s): s is string => typeof s === "string").map((s) => s.toUpperCase());
    const key = id.startsWith("group:") ? id : `group:${id}`;
    out[key] = codes;
    if (Array.isArray(t)) terms[key] = t.filter((x): x is string => typeof x === "string").map((x) => x.toLowerCase());
  };
  if (Array.isArray(json)) for (const g of json) add((g as { id?: unknown })?.id, g);
  else if (json && typeof json === "object") {
    const o = json as Record<string, unknown>;
    const groups = o.groups ?? o;
    if (Array.isArray(groups)) for (const g of groups) add((g as { id?: unknown })?.id, g);
    else if (groups && typeof groups === "object") for (const [k, v] of Object.entries(groups)) add(k, v);
  }
  return out;
}

/**
 * Compile the cue file and a state-groups value into a `LinkConfig` (pure).
 *
 * @example
 * const config = buildLinkConfig(JSON.parse(cuesText), { "red-states": ["AL", "MS"] });
 */
export function buildLinkConfig(cues: MetricCuesFile, groups: unknown = {}): LinkConfig {
  const config: LinkConfig = {
    metrics: cues.metrics,
    cues: cues.cues.map((c) => ({ id: c.id, metrics: c.metrics, patterns: c.patterns.map(rx) })),
    directions: { donor: cues.directions.donor.map(rx), taker: cues.directions.taker.map(rx) },
    directionMetrics: cues.direction_metrics,
    groupMetric: cues.group_metric,
    ratioMissingMetric: cues.ratio_missing_metric?.metric ?? null,
    groups: {},
    groupTerms: {},
  };
  config.groups = normaliseGroups(groups, config.groupTerms);
  return config;
}

const CUES_FILE = fileURLToPath(new URL("../../data/fiscal/metric-cues.json", import.meta.url));
const GROUPS_FILE = fileURLToPath(new URL("../../data/state-groups.json", import.meta.url));
let cached: LinkConfig | undefined;

/**
 * The shipped configuration: `data/fiscal/metric-cues.json` and `data/state-groups.json` (read
 * once per process and cached). A missing or unreadable groups file means no groups, so group
 * claims get no link.
 *
 * @example
 * defaultLinkConfig().cues.map((c) => c.id); // ["taxes-paid-per-support-dollar", "per-dollar", ...]
 */
export function defaultLinkConfig(): LinkConfig {
  if (cached) return cached;
  const cues = JSON.parse(readFileSync(CUES_FILE, "utf8")) as MetricCuesFile;
  let groups: unknown = {};
  try {
    if (existsSync(GROUPS_FILE)) groups = JSON.parse(readFileSync(GROUPS_FILE, "utf8"));
  } catch {
    groups = {};
  }
  cached = buildLinkConfig(cues, groups);
  return cached;
}
