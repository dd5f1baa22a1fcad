import type { DB } from "./open.js";
import type { EpisodeRecord } from "./records.js";
import type { WriteResult } from "./episodes.js";

/**
 * Upsert the queue items of an episode's claims (called inside the episode's write transaction).
 * Items are keyed by the stable claim id and never deleted: an item whose claim vanished is marked
 * orphaned with its old text; one whose claim came back is un-orphaned. Every change is audited.
 *
 * @example
 * syncQueueItems(db, "ep1", rec.claims, oldTexts, "ingest", new Date().toISOString());
 */
export function syncQueueItems(
  db: DB,
  episodeId: string,
  claims: EpisodeRecord["claims"],
  oldTexts: Map<string, string>,
  actor: string,
  now: string,
): WriteResult {
  const audit = db.prepare(
    "INSERT INTO audit_log (at, actor, action, claim_id, episode_id, before_json, after_json, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const get = db.prepare("SELECT * FROM queue_items WHERE claim_id = ?");
  const insert = db.prepare(
    `INSERT INTO queue_items (claim_id, episode_id, status, priority, created_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?)`,
  );
  const setPriority = db.prepare("UPDATE queue_items SET priority = ?, orphaned = 0, old_text = NULL, updated_at = ? WHERE claim_id = ?");
  let added = 0;
  let kept = 0;
  const live = new Set<string>();
  for (const c of claims) {
    if (c.from_teaser) continue;
    live.add(c.id);
    const priority = c.score;
    const row = get.get(c.id) as { orphaned: number; priority: number } | undefined;
    if (!row) {
      insert.run(c.id, episodeId, priority, now, now);
      audit.run(now, actor, "create", c.id, episodeId, null, JSON.stringify({ status: "open", priority }), null);
      added++;
    } else {
      kept++;
      if (row.orphaned || row.priority !== priority) {
        setPriority.run(priority, now, c.id);
        if (row.orphaned)
          audit.run(now, actor, "restore", c.id, episodeId, JSON.stringify({ orphaned: 1 }), JSON.stringify({ orphaned: 0 }), "claim text is back after re-ingest");
      }
    }
  }
  let orphaned = 0;
  const existing = db.prepare("SELECT claim_id, orphaned FROM queue_items WHERE episode_id = ?").all(episodeId) as {
    claim_id: string;
    orphaned: number;
  }[];
  const orphan = db.prepare("UPDATE queue_items SET orphaned = 1, old_text = coalesce(?, old_text), updated_at = ? WHERE claim_id = ?");
  for (const r of existing) {
    if (live.has(r.claim_id) || r.orphaned) continue;
    const oldText = oldTexts.get(r.claim_id) ?? null;
    orphan.run(oldText, now, r.claim_id);
    audit.run(now, actor, "orphan", r.claim_id, episodeId, JSON.stringify({ orphaned: 0, text: oldText }), JSON.stringify({ orphaned: 1 }), "claim text changed or vanished on re-ingest");
    orphaned++;
  }
  return { claimsAdded: added, claimsKept: kept, claimsOrphaned: orphaned };
}
