import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Default topic data file, written by the claims stage's owner. */
export const TOPICS_FILE = fileURLToPath(new URL("../../data/topics.json", import.meta.url));

const cache = new Map<string, Map<string, number>>();

/**
 * Topic weights by topic id from `data/topics.json`, read defensively: an array of
 * `{id, weight}`, an object `{topics: [...]}`, or a map `{id: {weight}}` / `{id: number}` are all
 * accepted; a missing or unreadable file, or an entry without a numeric weight, gives weight 1
 * (callers use `?? 1`). Cached per path for the life of the process.
 *
 * @example
 * loadTopicWeights().get("taxes") ?? 1;
 */
export function loadTopicWeights(path: string = process.env.CLAIMCAST_TOPICS ?? TOPICS_FILE): Map<string, number> {
  const hit = cache.get(path);
  if (hit) return hit;
  const weights = parseTopicWeights(readJson(path));
  cache.set(path, weights);
  return weights;
}

function readJson(path: string): unknown {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
  } catch {
    return null;
  }
}

/**
 * Weights from parsed topic data (see `loadTopicWeights` for the accepted shapes).
 *
 * @example
 * parseTopicWeights([{ id: "taxes", weight: 2 }]).get("taxes"); // 2
 */
export function parseTopicWeights(data: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const add = (id: unknown, w: unknown) => {
    if (typeof id !== "string" || !id) return;
    const n = typeof w === "number" ? w : typeof w === "string" ? Number(w) : NaN;
    if (Number.isFinite(n) && n >= 0) out.set(id, n);
  };
  const list = Array.isArray(data) ? data : data && typeof data === "object" && Array.isArray((data as { topics?: unknown }).topics) ? (data as { topics: unknown[] }).topics : null;
  if (list) {
    for (const e of list) if (e && typeof e === "object") add((e as { id?: unknown }).id, (e as { weight?: unknown }).weight);
  } else if (data && typeof data === "object") {
    for (const [id, v] of Object.entries(data as Record<string, unknown>))
      add(id, typeof v === "object" && v !== null ? (v as { weight?: unknown }).weight : v);
  }
  return out;
}
