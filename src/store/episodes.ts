import { stmt, type DB } from "./open.js";
import { timeOrNull, type EpisodeRecord } from "./records.js";
import { syncQueueItems } from "./queue.js";
import { applyCorrections } from "./corrections.js";

/** Result of storing one episode. */
export interface WriteResult {
  /** True when another run stored this exact content meanwhile (nothing written). */
  skipped?: boolean;
  claimsAdded: number;
  claimsKept: number;
  claimsOrphaned: number;
}

/**
 * Store one episode in a single transaction: replace its turns, sentences and claims, and sync
 * its queue items (kept by stable claim id, never deleted; vanished claims become orphaned).
 * Nothing of the episode is visible until the transaction commits.
 *
 * @example
 * writeEpisode(db, record, "ingest");
 */
export function writeEpisode(db: DB, rec: EpisodeRecord, actor = "ingest", opts: { onlyIfChanged?: boolean } = {}): WriteResult {
  const now = new Date().toISOString();
  const tx = db.transaction((): WriteResult => {
    const e = rec.episode;
    // Checked again under the write lock: an overlapping run may have stored this content already.
    if (opts.onlyIfChanged && storedHash(db, e.id) === e.content_hash)
      return { skipped: true, claimsAdded: 0, claimsKept: 0, claimsOrphaned: 0 };
    const old = new Map<string, string>();
    for (const r of stmt(db, "SELECT id, text FROM claims WHERE episode_id = ?").all(e.id) as { id: string; text: string }[])
      old.set(r.id, r.text);
    for (const t of ["claim_links", "claim_states", "quantities", "claim_topics"])
      stmt(db, `DELETE FROM ${t} WHERE claim_id IN (SELECT id FROM claims WHERE episode_id = ?)`).run(e.id);
    for (const t of ["claims", "sentences", "turns", "speakers"]) stmt(db, `DELETE FROM ${t} WHERE episode_id = ?`).run(e.id);
    stmt(db, 
      `INSERT INTO episodes (id, source_path, content_hash, format, show, title, air_date, meta_json, diagnostics_json, ingested_at, updated_at)
       VALUES (@id, @source_path, @content_hash, @format, @show, @title, @air_date, @meta_json, @diagnostics_json, @now, @now)
       ON CONFLICT(id) DO UPDATE SET source_path = excluded.source_path, content_hash = excluded.content_hash,
         format = excluded.format, show = excluded.show, title = excluded.title, air_date = excluded.air_date,
         meta_json = excluded.meta_json, diagnostics_json = excluded.diagnostics_json, updated_at = excluded.updated_at`,
    ).run({ ...e, meta_json: JSON.stringify(e.meta), diagnostics_json: JSON.stringify(e.diagnostics), now });

    const insSpeaker = stmt(db, "INSERT OR IGNORE INTO speakers (episode_id, name, role, heard_as) VALUES (?, ?, ?, ?)");
    for (const s of rec.speakers) insSpeaker.run(e.id, s.name, s.role, s.heard_as);

    const insTurn = stmt(db, 
      `INSERT INTO turns (episode_id, idx, speaker, role, confidence, evidence_json, is_teaser, start_offset, end_offset,
         start_line, end_line, start_time, end_time, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of rec.turns)
      insTurn.run(e.id, t.idx, t.speaker, t.role, t.confidence, JSON.stringify(t.evidence), t.is_teaser ? 1 : 0, t.start_offset, t.end_offset, t.start_line, t.end_line, t.start_time, t.end_time, t.text);

    // Positional parameters (here and for turns): binding by position skips a named lookup per
    // column and a copied object per row; the sentences are most of an episode's rows.
    const insSentence = stmt(db, 
      `INSERT INTO sentences (episode_id, idx, turn_idx, start_offset, end_offset, start_line, end_line, start_time, end_time,
         text, normal, claimant, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // `normal` is NULL where it equals `text` (migration 0006; read it as coalesce(normal, text)).
    const S = rec.sentences;
    for (let i = 0; i < S.count; i++) {
      const text = S.text[i];
      const normal = S.normal[i];
      insSentence.run(e.id, i, S.turn_idx[i], S.start_offset[i], S.end_offset[i], S.start_line[i], S.end_line[i], timeOrNull(S.start_time[i]), timeOrNull(S.end_time[i]), text, normal == null || normal === text ? null : normal, S.claimant[i], S.score[i]);
    }

    const insClaim = stmt(db, 
      `INSERT INTO claims (id, episode_id, text_hash, sentence_idx, turn_idx, speaker, claimant, role, text, normal, score, type,
         year, start_offset, end_offset, start_line, end_line, start_time, end_time, from_teaser, suggestion_json)
       VALUES (@id, @episode_id, @text_hash, @sentence_idx, @turn_idx, @speaker, @claimant, @role, @text, @normal, @score, @type,
         @year, @start_offset, @end_offset, @start_line, @end_line, @start_time, @end_time, @from_teaser, @suggestion_json)`,
    );
    const insTopic = stmt(db, "INSERT OR IGNORE INTO claim_topics (claim_id, topic_id, terms_json) VALUES (?, ?, ?)");
    const insTopicDef = stmt(db, "INSERT OR IGNORE INTO topics (id, label) VALUES (?, ?)");
    const insQty = stmt(db, "INSERT INTO quantities (claim_id, ord, kind, value, unit, text) VALUES (?, ?, ?, ?, ?, ?)");
    const insState = stmt(db, "INSERT OR IGNORE INTO claim_states (claim_id, state) VALUES (?, ?)");
    const insLink = stmt(db, 
      `INSERT INTO claim_links (claim_id, ord, source_id, table_name, state, year, metric, value, claimed, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of rec.claims) {
      insClaim.run({
        ...c,
        episode_id: e.id,
        from_teaser: c.from_teaser ? 1 : 0,
        suggestion_json: c.suggestion ? JSON.stringify(c.suggestion) : null,
      });
      for (const t of c.topics) {
        insTopicDef.run(t.id, t.label);
        insTopic.run(c.id, t.id, JSON.stringify(t.terms));
      }
      c.quantities.forEach((q, i) => insQty.run(c.id, i, q.kind, q.value, q.unit, q.text));
      for (const s of c.states) insState.run(c.id, s);
      c.links.forEach((l, i) =>
        insLink.run(c.id, i, l.sourceId, l.table, l.state, l.year, l.metric, l.value, l.claimed ?? null, l.note ?? null),
      );
    }
    // Speaker corrections made on the episode page survive re-ingesting.
    applyCorrections(db, e.id);
    return syncQueueItems(db, e.id, rec.claims, old, actor, now);
  });
  // IMMEDIATE: take the write lock up front so overlapping runs queue on the busy timeout.
  return tx.immediate();
}

/** Content hash stored for an episode id, or undefined. */
export function storedHash(db: DB, episodeId: string): string | undefined {
  const row = stmt(db, "SELECT content_hash FROM episodes WHERE id = ?").get(episodeId) as { content_hash: string } | undefined;
  return row?.content_hash;
}
