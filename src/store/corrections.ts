import { createHash } from "node:crypto";
import { stmt, type DB } from "./open.js";
import { appendAudit, inWriteTransaction } from "./queue.js";

/** Roles a correction may give a speaker. */
export const CORRECTION_ROLES = ["host", "guest", "caller", "listener", "unknown"] as const;

/** A stored `speaker_corrections` row. */
export interface SpeakerCorrection {
  id: number;
  episode_id: string;
  kind: "rename" | "move";
  from_name: string;
  turn_key: string | null;
  to_name: string;
  to_role: string | null;
  by: string;
  at: string;
}

/** What `addCorrection` needs: a rename (`fromName`) or a move of one turn (`turnKey`). */
export type NewCorrection =
  | { episodeId: string; kind: "rename"; fromName: string; toName: string; toRole?: string | null; by: string }
  | { episodeId: string; kind: "move"; turnKey: string; toName: string; toRole?: string | null; by: string };

/**
 * Why a correction was refused (unknown episode, speaker or turn, or bad input).
 *
 * @example
 * try { addCorrection(db, c); } catch (e) { if (e instanceof CorrectionError && e.kind === "not-found") show404(); }
 */
export class CorrectionError extends Error {
  readonly kind: "not-found" | "invalid";
  constructor(kind: "not-found" | "invalid", message: string) {
    super(message);
    this.name = "CorrectionError";
    this.kind = kind;
  }
}

/**
 * The stable key of a turn: its source start offset plus a hash of its text. It does not depend
 * on the turn's index, so a turn keeps its key when a re-ingest adds or drops turns before it.
 *
 * @example
 * turnKey(3007, "Thanks so much for having me."); // "3007:5d1c0a…"
 */
export function turnKey(startOffset: number, text: string): string {
  return `${startOffset}:${textHash(text)}`;
}

function textHash(text: string): string {
  return createHash("sha256").update(text.normalize("NFC")).digest("hex").slice(0, 12);
}

/**
 * Corrections of one episode in the order they were made.
 *
 * @example
 * listCorrections(db, "ep1").map((c) => `${c.kind} ${c.from_name} → ${c.to_name}`);
 */
export function listCorrections(db: DB, episodeId: string): SpeakerCorrection[] {
  return stmt(db, "SELECT * FROM speaker_corrections WHERE episode_id = ? ORDER BY id").all(episodeId) as SpeakerCorrection[];
}

function roleOrNull(role: string | null | undefined): string | null {
  const r = role?.trim();
  if (!r) return null;
  if (!(CORRECTION_ROLES as readonly string[]).includes(r)) throw new CorrectionError("invalid", `unknown role '${r}' (one of ${CORRECTION_ROLES.join(", ")})`);
  return r;
}

/**
 * Store a speaker correction, apply it to the stored turns, speakers, sentences and claims, and
 * append an audit row, all in one IMMEDIATE transaction. A rename renames every turn (and claim)
 * of `fromName`; a move gives the one turn with `turnKey` to `toName` (and its claims, with the
 * claimant where the claimant was the speaker). Re-ingesting the episode replays it.
 *
 * @example
 * addCorrection(db, { episodeId: "ep1", kind: "rename", fromName: "unknown", toName: "Host", toRole: "host", by: "ana" });
 */
export function addCorrection(db: DB, c: NewCorrection): SpeakerCorrection {
  const to = c.toName?.trim();
  const by = c.by?.trim();
  if (!to) throw new CorrectionError("invalid", "a correction needs the new speaker name");
  if (to.length > 120) throw new CorrectionError("invalid", "a speaker name is at most 120 characters");
  if (!by) throw new CorrectionError("invalid", "who is making the correction? give a name");
  const toRole = roleOrNull(c.toRole);
  return inWriteTransaction(db, () => {
    if (!db.prepare("SELECT 1 FROM episodes WHERE id = ?").get(c.episodeId)) throw new CorrectionError("not-found", `no episode '${c.episodeId}'`);
    let from: string;
    let key: string | null = null;
    if (c.kind === "rename") {
      from = c.fromName?.trim() ?? "";
      const n = (db.prepare("SELECT count(*) AS n FROM turns WHERE episode_id = ? AND speaker = ?").get(c.episodeId, from) as { n: number }).n;
      if (!n) throw new CorrectionError("not-found", `no speaker '${from}' in episode ${c.episodeId}`);
      if (from === to && toRole === null) throw new CorrectionError("invalid", "the new name is the same as the old one");
    } else {
      const turn = findTurn(db, c.episodeId, c.turnKey);
      if (!turn) throw new CorrectionError("not-found", `no turn '${c.turnKey}' in episode ${c.episodeId}`);
      from = turn.speaker;
      key = turnKey(turn.start_offset, turn.text);
    }
    const at = new Date().toISOString();
    const id = Number(
      db
        .prepare("INSERT INTO speaker_corrections (episode_id, kind, from_name, turn_key, to_name, to_role, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .run(c.episodeId, c.kind, from, key, to, toRole, by, at).lastInsertRowid,
    );
    const row = db.prepare("SELECT * FROM speaker_corrections WHERE id = ?").get(id) as SpeakerCorrection;
    applyOne(db, row);
    appendAudit(db, {
      at,
      actor: by,
      action: `speaker-${c.kind}`,
      claim_id: null,
      episode_id: c.episodeId,
      before: { speaker: from, turn_key: key },
      after: { speaker: to, role: toRole },
      reason: null,
    });
    return row;
  });
}

/**
 * Replay every correction of an episode, oldest first, over its freshly written turns: called by
 * `writeEpisode` inside its transaction, so corrections survive re-ingesting. Statements only (no
 * transaction of its own). A move whose turn no longer exists (its text changed) is left out and
 * counted as `unmatched`. Not idempotent over already corrected rows: call it on fresh rows.
 *
 * @example
 * applyCorrections(db, "ep1"); // { applied: 2, unmatched: 0 }
 */
export function applyCorrections(db: DB, episodeId: string): { applied: number; unmatched: number } {
  let applied = 0;
  let unmatched = 0;
  for (const c of listCorrections(db, episodeId)) {
    if (applyOne(db, c)) applied++;
    else unmatched++;
  }
  return { applied, unmatched };
}

interface TurnRow {
  idx: number;
  speaker: string;
  role: string;
  start_offset: number;
  text: string;
}

/** The turn with this key; if its offset moved, the one turn with the same text hash. */
function findTurn(db: DB, episodeId: string, key: string): TurnRow | undefined {
  const turns = db.prepare("SELECT idx, speaker, role, start_offset, text FROM turns WHERE episode_id = ? ORDER BY idx").all(episodeId) as TurnRow[];
  const exact = turns.find((t) => turnKey(t.start_offset, t.text) === key);
  if (exact) return exact;
  const hash = key.slice(key.indexOf(":") + 1);
  const same = turns.filter((t) => textHash(t.text) === hash);
  return same.length === 1 ? same[0] : undefined;
}

/** Apply one correction to the stored rows; false when there was nothing to change. */
function applyOne(db: DB, c: SpeakerCorrection): boolean {
  const p = { ep: c.episode_id, from: c.from_name, to: c.to_name, role: c.to_role };
  if (c.kind === "rename") {
    const changed = db.prepare("UPDATE turns SET speaker = @to, role = coalesce(@role, role) WHERE episode_id = @ep AND speaker = @from").run(p).changes;
    if (!changed) return false;
    // In an UPDATE every expression reads the old row, so `claimant = speaker` compares the old values.
    db.prepare(
      `UPDATE claims SET claimant = CASE WHEN claimant = speaker THEN @to ELSE claimant END, speaker = @to, role = coalesce(@role, role)
       WHERE episode_id = @ep AND speaker = @from`,
    ).run(p);
    db.prepare("UPDATE claims SET claimant = @to WHERE episode_id = @ep AND claimant = @from").run(p);
    db.prepare("UPDATE sentences SET claimant = @to WHERE episode_id = @ep AND claimant = @from").run(p);
    moveSpeakerRow(db, p);
    return true;
  }
  const turn = findTurn(db, c.episode_id, c.turn_key ?? "");
  if (!turn) return false;
  const known = db.prepare("SELECT role FROM speakers WHERE episode_id = ? AND name = ?").get(c.episode_id, c.to_name) as { role: string } | undefined;
  const role = c.to_role ?? known?.role ?? "unknown";
  const q = { ep: c.episode_id, idx: turn.idx, old: turn.speaker, to: c.to_name, role };
  db.prepare("UPDATE turns SET speaker = @to, role = @role WHERE episode_id = @ep AND idx = @idx").run(q);
  db.prepare(
    `UPDATE claims SET claimant = CASE WHEN claimant = speaker THEN @to ELSE claimant END, speaker = @to, role = @role
     WHERE episode_id = @ep AND turn_idx = @idx`,
  ).run(q);
  db.prepare("UPDATE sentences SET claimant = @to WHERE episode_id = @ep AND turn_idx = @idx AND claimant = @old").run(q);
  db.prepare(
    `INSERT INTO speakers (episode_id, name, role) VALUES (@ep, @to, @role)
     ON CONFLICT (episode_id, name) DO UPDATE SET role = @role`,
  ).run(q);
  dropUnusedSpeaker(db, c.episode_id, turn.speaker);
  return true;
}

/** Rename a `speakers` row, merging into an existing row of the new name. */
function moveSpeakerRow(db: DB, p: { ep: string; from: string; to: string; role: string | null }): void {
  const target = db.prepare("SELECT 1 FROM speakers WHERE episode_id = @ep AND name = @to").get(p);
  if (target) {
    if (p.role) db.prepare("UPDATE speakers SET role = @role WHERE episode_id = @ep AND name = @to").run(p);
    if (p.from !== p.to) db.prepare("DELETE FROM speakers WHERE episode_id = @ep AND name = @from").run(p);
  } else {
    const moved = db.prepare("UPDATE speakers SET name = @to, role = coalesce(@role, role) WHERE episode_id = @ep AND name = @from").run(p).changes;
    if (!moved) db.prepare("INSERT INTO speakers (episode_id, name, role) VALUES (@ep, @to, coalesce(@role, 'unknown'))").run(p);
  }
}

/** Remove a speaker row nobody refers to any more (no turn, no claim as claimant). */
function dropUnusedSpeaker(db: DB, episodeId: string, name: string): void {
  db.prepare(
    `DELETE FROM speakers WHERE episode_id = @ep AND name = @name
       AND NOT EXISTS (SELECT 1 FROM turns WHERE episode_id = @ep AND speaker = @name)
       AND NOT EXISTS (SELECT 1 FROM claims WHERE episode_id = @ep AND claimant = @name)`,
  ).run({ ep: episodeId, name });
}
