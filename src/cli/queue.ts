import { Command } from "commander";
import type { DB } from "../store/open.js";
import { formatTime } from "../queue/report.js";
import {
  LIST_STATUSES,
  VERDICTS,
  WorkflowError,
  assignItem,
  checkListFilter,
  defaultActor,
  itemHistory,
  listItems,
  matchItem,
  nextItem,
  parseInstant,
  publishItem,
  queueStats,
  reopenItem,
  releaseItem,
  resolveItem,
  showItem,
  skipItem,
  type AuditRow,
  type ItemDetail,
  type QueueItem,
  type SimilarClaim,
} from "../queue/workflow.js";
import { recomputePriorities } from "../store/queue.js";
import { QUEUE_EXPORT_FORMATS, exportQueue, type QueueExportFormat } from "../queue/export-queue.js";
import { UsageError, dbFrom, example, forTerminal, positiveInt, printJson, withDb } from "./common.js";

/** Exit code of `queue next` when no open item is left (0 ok, 1 failure, 2 usage are kept). */
export const EXIT_QUEUE_EMPTY = 3;

interface Common {
  db: string;
  json?: boolean;
  as?: string;
}

/**
 * Run a command body with the database open; workflow refusals become one-line errors: an
 * unknown, ambiguous or invalid id/argument is a usage error (exit 2), a conflict exits 1.
 */
function withQueueDb<O extends Common>(fn: (db: DB, opts: O, actor: string) => void): (opts: O) => void {
  return (opts: O) => {
    const db = dbFrom(opts);
    try {
      fn(db, opts, opts.as?.trim() || defaultActor());
    } catch (e) {
      if (e instanceof WorkflowError) {
        if (e.kind === "conflict") throw new Error(e.message);
        throw new UsageError(e.message);
      }
      throw e;
    } finally {
      db.close();
    }
  };
}

const out = (s: string) => process.stdout.write(forTerminal(s) + "\n");
const clip = (s: string | null | undefined, n: number) => {
  const t = (s ?? "").replace(/\s+/g, " ");
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
};

function itemLine(i: QueueItem): string {
  const who = i.assignee ? ` @${i.assignee}` : "";
  const v = i.verdict ? ` [${i.verdict}${i.published ? ", published" : ""}]` : "";
  return `${i.id}\t${i.display_status}${who}${v}\t${i.priority.toFixed(1)}\tL${i.line ?? "?"}\t${clip(i.text, 90)}`;
}

function similarLine(s: SimilarClaim): string {
  const tag = s.confirmed ? "confirmed" : "suggested";
  return `  - ${s.id} (${s.kind}, ${tag}, ${Math.round(s.similarity * 100)}% words)${s.earlier ? ` — ${s.earlier}` : ` — ${s.orphaned ? "orphaned" : s.status}`}\n    "${clip(s.text, 100)}"`;
}

function historyLines(rows: AuditRow[]): string[] {
  return rows.map((h) => {
    const b = (h.before ?? {}) as Record<string, unknown>;
    const a = (h.after ?? {}) as Record<string, unknown>;
    const changed = Object.keys(a)
      .filter((k) => k !== "updated_at" && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => `${k}: ${JSON.stringify(b[k] ?? null)} → ${JSON.stringify(a[k])}`);
    return `${h.at}  ${h.actor}  ${h.action}${h.reason ? ` (${h.reason})` : ""}${changed.length ? `\n    ${changed.join("; ")}` : ""}`;
  });
}

function renderDetail(d: ItemDetail): string {
  const i = d.item;
  const L: string[] = [];
  L.push(`${i.id}  ${i.display_status}${i.assignee ? ` @${i.assignee}` : ""}  priority ${i.priority}`);
  L.push(`"${i.text ?? ""}"`);
  if (d.claim) {
    const who = d.claim.claimant !== d.claim.speaker ? `${d.claim.claimant} (read by ${d.claim.speaker})` : d.claim.speaker;
    const t = formatTime(d.claim.start_time);
    L.push(`Said by ${who} (${d.claim.role}) · line ${d.claim.start_line}${d.claim.end_line !== d.claim.start_line ? `-${d.claim.end_line}` : ""}${t ? ` · ${t}` : ""} · score ${d.claim.score.toFixed(2)} · ${d.claim.type}`);
  } else if (i.orphaned) L.push("Orphaned: this wording is no longer in the episode's transcript (kept with its history).");
  if (d.episode) L.push(`Episode ${d.episode.title ?? d.episode.id}${d.episode.air_date ? ` (aired ${d.episode.air_date})` : ""} · ${d.episode.source}`);
  if (i.verdict)
    L.push(`Verdict: ${i.verdict} by ${i.resolved_by} at ${i.resolved_at}${i.published ? ` · published by ${i.published_by} at ${i.published_at}` : ""}`, `Note: ${i.note ?? ""}`, ...i.sources.map((s) => `Source: ${s}`));
  if (i.skip_reason) L.push(`Skipped: ${i.skip_reason}`);
  L.push("", `Priority: ${d.priority.explanation}`);
  if (d.context.length) {
    L.push("", "Context:");
    for (const s of d.context) L.push(`${s.current ? ">" : " "} L${s.line}${s.time !== null ? ` ${formatTime(s.time)}` : ""} ${s.speaker ?? ""}: ${clip(s.text, 160)}`);
  }
  if (d.topics.length) L.push("", `Topics: ${d.topics.map((t) => `${t.label ?? t.id}${t.terms.length ? ` (${t.terms.join(", ")})` : ""}`).join("; ")}`);
  if (d.quantities.length) L.push(`Numbers: ${d.quantities.map((q) => `${q.text} (${q.kind} ${q.value}${q.unit ? " " + q.unit : ""})`).join("; ")}`);
  if (d.states.length) L.push(`Places: ${d.states.join(", ")}`);
  if (d.links.length) {
    L.push("Dataset links:");
    for (const l of d.links) L.push(`  - ${l.source_id} ${l.table} ${l.state} ${l.year} ${l.metric} = ${l.value}${l.claimed !== null ? ` (claimed ${l.claimed})` : ""}${l.note ? ` — ${l.note}` : ""}`);
  }
  if (d.suggestion) L.push(`Suggested: ${d.suggestion.verdict} — ${d.suggestion.reason} (a suggestion, not a verdict)`);
  L.push("", d.similar.length ? "Similar claims:" : "Similar claims: none");
  for (const s of d.similar) L.push(similarLine(s));
  L.push("", "History:", ...historyLines(d.history).map((h) => "  " + h));
  return L.join("\n");
}

function collect(v: string, prev: string[]): string[] {
  return [...prev, v];
}

/** `--expect-updated-at`: an ISO 8601 instant, kept as given (the workflow compares instants, not strings). */
function isoInstant(v: string): string {
  if (!parseInstant(v)) throw new UsageError(`--expect-updated-at '${v}' is not an ISO 8601 instant (like 2026-12-07T10:00:00.000Z)`);
  return v;
}

/**
 * `claimcast queue ...`: the shared fact-check workflow (list, next, show, assign, release, skip,
 * resolve, reopen, publish, match, stats, history, reprioritize). Every subcommand takes `--db`,
 * `--json` and `--as NAME` where someone acts.
 *
 * @example
 * registerQueue(program);
 */
export function registerQueue(program: Command): void {
  const q = program
    .command("queue")
    .description("The shared fact-check queue: take items, give verdicts, publish; every change is audited.")
    .addHelpText(
      "after",
      `
Items are named by their claim id (episode:hash:ordinal); any unique prefix of the hash part works.
The actor is --as NAME, else $CLAIMCAST_USER, else the OS user name.
Exit codes: 0 ok, 1 failure or conflict (someone else changed the item), 2 usage error
(also an unknown or ambiguous id), 3 'queue next' found the queue empty.`,
    );
  const sub = (name: string, desc: string, ex: string) => {
    const c = withDb(q.command(name).description(desc)).option("--json", "print the result as JSON");
    example(c, ex);
    return c;
  };
  const actorOpt = (c: Command) => c.option("--as <name>", "who is acting (default: $CLAIMCAST_USER or the OS user)");
  const expectOpt = (c: Command) =>
    c.option("--expect-updated-at <iso>", "refuse if the item changed since this updated_at, an ISO 8601 instant (optimistic concurrency)", isoInstant);

  sub("list", "List queue items, highest priority first.", "claimcast queue list --status open --topic taxes --limit 20")
    .option("--status <s>", `one of ${LIST_STATUSES.join(", ")}`)
    .option("--topic <id>", "only claims tagged with this topic")
    .option("--episode <id>", "only this episode")
    .option("--assignee <name>", "only items assigned to this person")
    .option("--limit <n>", "at most N items", positiveInt)
    .action(
      withQueueDb((db, o: Common & { status?: string; topic?: string; episode?: string; assignee?: string; limit?: number }) => {
        checkListFilter(db, { episode: o.episode, topic: o.topic });
        const items = listItems(db, { status: o.status as never, topic: o.topic, episode: o.episode, assignee: o.assignee, limit: o.limit });
        if (o.json) return printJson(items);
        for (const i of items) out(itemLine(i));
        if (!items.length) process.stderr.write("no items\n");
      }),
    );

  actorOpt(sub("next", "Take the highest-priority open item: it is marked claimed by you, atomically (never handed out twice). Exits 3, printing 'queue is empty' on stderr (and null with --json), when nothing is open.", "claimcast queue next --as ana --json"))
    .action(
      withQueueDb((db, o: Common, actor) => {
        const item = nextItem(db, {}, actor);
        if (!item) {
          if (o.json) printJson(null);
          process.stderr.write("queue is empty\n");
          process.exitCode = EXIT_QUEUE_EMPTY;
          return;
        }
        if (o.json) return printJson(item);
        out(itemLine(item));
      }),
    );

  sub("show", "Show an item: claim, speaker, context, topics, numbers, links, priority explained, similar claims, history.", "claimcast queue show 3f8260")
    .argument("<id>", "claim id or unique hash prefix")
    .action((id: string, o: Common) =>
      withQueueDb((db, oo: Common) => {
        const d = showItem(db, { id });
        if (oo.json) return printJson(d);
        out(renderDetail(d));
      })(o),
    );

  expectOpt(actorOpt(sub("assign", "Give an item to a person (marks it claimed).", "claimcast queue assign 3f8260 --to ben --as ed")))
    .argument("<id>", "claim id or unique hash prefix")
    .requiredOption("--to <name>", "the person who gets it")
    .action((id: string, o: Common & { to: string; expectUpdatedAt?: string }) =>
      withQueueDb((db, oo: typeof o, actor) => report(oo, assignItem(db, { id, to: oo.to, expectUpdatedAt: oo.expectUpdatedAt }, actor)))(o),
    );

  expectOpt(actorOpt(sub("release", "Put a claimed item back in the open queue.", "claimcast queue release 3f8260")))
    .argument("<id>", "claim id or unique hash prefix")
    .action((id: string, o: Common & { expectUpdatedAt?: string }) =>
      withQueueDb((db, oo: typeof o, actor) => report(oo, releaseItem(db, { id, expectUpdatedAt: oo.expectUpdatedAt }, actor)))(o),
    );

  expectOpt(actorOpt(sub("skip", "Skip an item (not worth checking), with a reason.", 'claimcast queue skip 3f8260 --reason "opinion, nothing to check"')))
    .argument("<id>", "claim id or unique hash prefix")
    .requiredOption("--reason <text>", "why it is skipped")
    .action((id: string, o: Common & { reason: string; expectUpdatedAt?: string }) =>
      withQueueDb((db, oo: typeof o, actor) => report(oo, skipItem(db, { id, reason: oo.reason, expectUpdatedAt: oo.expectUpdatedAt }, actor)))(o),
    );

  expectOpt(
    actorOpt(
      sub(
        "resolve",
        `Give a verdict (${VERDICTS.join(", ")}) with a note and sources; keeps who, when and why.`,
        'claimcast queue resolve 3f8260 --verdict false --note "Treasury: 0.91, not 0.99" --source https://fiscal.treasury.gov/ --as ana',
      ),
    ),
  )
    .argument("<id>", "claim id or unique hash prefix")
    .requiredOption("--verdict <v>", VERDICTS.join(" | "))
    .requiredOption("--note <text>", "why: what the evidence says")
    .option("--source <url>", "a source URL (repeatable)", collect, [] as string[])
    .action((id: string, o: Common & { verdict: string; note: string; source: string[]; expectUpdatedAt?: string }) =>
      withQueueDb((db, oo: typeof o, actor) =>
        report(oo, resolveItem(db, { id, verdict: oo.verdict, note: oo.note, sources: oo.source, expectUpdatedAt: oo.expectUpdatedAt }, actor)),
      )(o),
    );

  expectOpt(actorOpt(sub("reopen", "Reopen a resolved, published or skipped item, with a reason (the old verdict stays in the history).", 'claimcast queue reopen 3f8260 --reason "state revised its figures"')))
    .argument("<id>", "claim id or unique hash prefix")
    .requiredOption("--reason <text>", "why it is reopened")
    .action((id: string, o: Common & { reason: string; expectUpdatedAt?: string }) =>
      withQueueDb((db, oo: typeof o, actor) => report(oo, reopenItem(db, { id, reason: oo.reason, expectUpdatedAt: oo.expectUpdatedAt }, actor)))(o),
    );

  expectOpt(actorOpt(sub("publish", "Lock a resolved verdict as published (changing it then needs reopen with a reason).", "claimcast queue publish 3f8260 --as ed")))
    .argument("<id>", "claim id or unique hash prefix")
    .action((id: string, o: Common & { expectUpdatedAt?: string }) =>
      withQueueDb((db, oo: typeof o, actor) => report(oo, publishItem(db, { id, expectUpdatedAt: oo.expectUpdatedAt }, actor)))(o),
    );

  actorOpt(
    sub(
      "match",
      "Show claims like this one (same or near-same wording, same numbers and places) with earlier verdicts; --confirm records that a person says they are the same claim.",
      "claimcast queue match 3f8260\nclaimcast queue match 3f8260 --confirm 9a1b22 --apply --as ana",
    ),
  )
    .argument("<id>", "claim id or unique hash prefix")
    .option("--confirm <other>", "confirm that OTHER is the same claim")
    .option("--apply", "with --confirm: apply OTHER's verdict, note and sources to this item")
    .action((id: string, o: Common & { confirm?: string; apply?: boolean }) =>
      withQueueDb((db, oo: typeof o, actor) => {
        const r = matchItem(db, { id, confirm: oo.confirm, apply: oo.apply }, actor);
        if (oo.json) return printJson(r);
        if (r.confirmed) out(`confirmed: ${r.id} is the same claim as ${r.confirmed}`);
        if (r.applied) out(`applied verdict: ${itemLine(r.applied)}`);
        out(r.similar.length ? "Similar claims:" : "Similar claims: none");
        for (const s of r.similar) out(similarLine(s));
      })(o),
    );

  sub("stats", "Counts per status and per checker, and time from ingest to first and to final verdict.", "claimcast queue stats --json").action(
    withQueueDb((db, o: Common) => {
      const s = queueStats(db);
      if (o.json) return printJson(s);
      out(`items: ${s.total} (${Object.entries(s.by_status).map(([k, v]) => `${k} ${v}`).join(", ")}, orphaned ${s.orphaned}; published ${s.published})`);
      for (const c of s.by_checker) out(`  ${c.name}: ${c.claimed} claimed, ${c.resolved} resolved, ${c.skipped} skipped`);
      const t = (x: typeof s.to_first_verdict_hours) => (x.n ? `median ${x.median} h, mean ${x.mean} h over ${x.n}` : "none yet");
      out(`ingest → first verdict: ${t(s.to_first_verdict_hours)}`);
      out(`ingest → final verdict: ${t(s.to_final_verdict_hours)}`);
    }),
  );

  sub("history", "The audit rows of an item: who, when, what, before and after.", "claimcast queue history 3f8260")
    .argument("<id>", "claim id or unique hash prefix")
    .action((id: string, o: Common) =>
      withQueueDb((db, oo: Common) => {
        const h = itemHistory(db, { id });
        if (oo.json) return printJson(h);
        for (const l of historyLines(h)) out(l);
      })(o),
    );

  sub("reprioritize", "Recompute every live item's priority (after editing data/topics.json).", "claimcast queue reprioritize").action(
    withQueueDb((db, o: Common) => {
      const changed = recomputePriorities(db);
      if (o.json) return printJson({ changed });
      out(`${changed} priorities changed`);
    }),
  );
}

function report(o: Common, item: QueueItem): void {
  if (o.json) return printJson(item);
  out(itemLine(item));
}

/**
 * `claimcast export queue`: queue items as CSV, JSON, Markdown or ClaimReview JSON-LD, added to
 * the existing `export` command. Warnings (skipped items, long claimReviewed) go to stderr.
 *
 * @example
 * registerExportQueue(program.commands.find((c) => c.name() === "export")!);
 */
export function registerExportQueue(exportCommand: Command): void {
  const cmd = withDb(
    exportCommand
      .command("queue")
      .description("Queue items with status, verdict, note and sources, as csv, json, md, or schema.org ClaimReview JSON-LD.")
      .option("--format <f>", QUEUE_EXPORT_FORMATS.join(" | "), "json")
      .option("--status <s>", `only items with this status (${LIST_STATUSES.join(", ")}); claimreview defaults to published`)
      .option("--org <name>", "claimreview: the publishing organisation (default: $CLAIMCAST_ORG)")
      .option("--base-url <url>", "claimreview: base URL of the review pages; each url is <base>/<claim id> (default: $CLAIMCAST_BASE_URL)")
      .option("--json", "same as --format json"),
  );
  example(cmd, "claimcast export queue --format csv --status resolved > verdicts.csv\nclaimcast export queue --format claimreview --org \"City Desk Fact Check\" --base-url https://example.org/checks");
  cmd.action((opts: { db: string; format: string; status?: string; org?: string; baseUrl?: string; json?: boolean }) => {
    const format = opts.json ? "json" : opts.format;
    if (!(QUEUE_EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --format '${format}' (one of ${QUEUE_EXPORT_FORMATS.join(", ")})`);
    if (opts.status && !(LIST_STATUSES as readonly string[]).includes(opts.status)) throw new UsageError(`unknown --status '${opts.status}' (one of ${LIST_STATUSES.join(", ")})`);
    withQueueDb((db) => {
      const r = exportQueue(db, {
        format: format as QueueExportFormat,
        status: opts.status as never,
        org: opts.org ?? process.env.CLAIMCAST_ORG,
        baseUrl: opts.baseUrl ?? process.env.CLAIMCAST_BASE_URL,
      });
      for (const w of r.warnings) process.stderr.write(`claimcast: export queue: ${w}\n`);
      process.stdout.write(r.output);
    })(opts);
  });
}
