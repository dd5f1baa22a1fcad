import type { QueueItem } from "../../queue/workflow.js";
import type { EpisodeSummary } from "../../store/exports.js";
import type { FilterChoices } from "../../store/web.js";
import { html, type SafeHtml } from "../html.js";
import { claimHref, clock, episodeHref, layout, speakerLabel, statusBadge, verdictBadge, type PageContext } from "./layout.js";

/** The queue page's filters, as read from the query string. */
export interface QueueQuery {
  /** A list status, or "all". */
  status: string;
  topic: string;
  episode: string;
  assignee: string;
  linked: boolean;
  q: string;
}

/** Data of the queue page. */
export interface QueueView {
  query: QueueQuery;
  items: QueueItem[];
  /** How many matched before the display limit. */
  total: number;
  counts: Record<string, number>;
  choices: FilterChoices;
  linked: Set<string>;
}

const STATUSES = ["open", "claimed", "resolved", "skipped", "orphaned", "all"];

function hrefWith(q: QueueQuery, patch: Partial<QueueQuery>): string {
  const m = { ...q, ...patch };
  const p = new URLSearchParams();
  if (m.status !== "open") p.set("status", m.status);
  for (const k of ["topic", "episode", "assignee", "q"] as const) if (m[k]) p.set(k, m[k]);
  if (m.linked) p.set("linked", "1");
  const s = p.toString();
  return s ? `/?${s}` : "/";
}

function options(values: { value: string; label: string }[], selected: string, any: string): SafeHtml {
  return html`<option value="">${any}</option>${values.map((v) => html`<option value="${v.value}"${v.value === selected ? html` selected` : ""}>${v.label}</option>`)}`;
}

/**
 * The queue page: counts per status, the filter form, and the items by priority as a table
 * navigable with j/k and Enter.
 *
 * @example
 * queuePage(ctx, { query, items, total, counts, choices, linked });
 */
export function queuePage(ctx: PageContext, v: QueueView): SafeHtml {
  const q = v.query;
  const counts = html`<ul class="counts" aria-label="Items per status">${STATUSES.map(
    (s) => html`<li><a href="${hrefWith(q, { status: s })}"${q.status === s ? html` aria-current="true"` : ""}>${s} <strong>${s === "all" ? Object.values(v.counts).reduce((a, b) => a + b, 0) : (v.counts[s] ?? 0)}</strong></a></li>`,
  )}</ul>`;
  const form = html`<form class="filters" method="get" action="/" role="search">
  <div><label for="q">Search claims</label><input type="search" id="q" name="q" value="${q.q}" placeholder="words in the claim"></div>
  <div><label for="f-status">Status</label><select id="f-status" name="status">${STATUSES.map((s) => html`<option${s === q.status ? html` selected` : ""}>${s}</option>`)}</select></div>
  <div><label for="f-topic">Topic</label><select id="f-topic" name="topic">${options(v.choices.topics.map((t) => ({ value: t.id, label: t.label })), q.topic, "any topic")}</select></div>
  <div><label for="f-episode">Episode</label><select id="f-episode" name="episode">${options(v.choices.episodes.map((e) => ({ value: e.id, label: e.title ?? e.id })), q.episode, "any episode")}</select></div>
  <div><label for="f-assignee">Assignee</label><select id="f-assignee" name="assignee">${options(v.choices.assignees.map((a) => ({ value: a, label: a })), q.assignee, "anyone")}</select></div>
  <div><input type="checkbox" id="f-linked" name="linked" value="1"${q.linked ? html` checked` : ""}> <label class="inline" for="f-linked">linked to the dataset</label></div>
  <div><button type="submit" class="primary">Filter</button> <a href="/">reset</a></div>
</form>`;
  const rows = v.items.map(
    (it) => html`<tr data-nav tabindex="-1">
  <td class="num">${it.priority.toFixed(2)}</td>
  <td><a href="${claimHref(it.id)}">${it.text ?? "(no text)"}</a>${v.linked.has(it.id) ? html` <span class="badge s-open" title="linked to the dataset">data</span>` : ""}
    <div class="small muted">${it.topics.join(", ")}</div></td>
  <td>${it.speaker ? speakerLabel(it.speaker) : ""}${it.claimant && it.claimant !== it.speaker ? html`<div class="small muted">for ${it.claimant}</div>` : ""}</td>
  <td class="small"><a href="${episodeHref(it.episode)}">${it.episode_title ?? it.episode}</a><div class="muted">${it.line != null ? `line ${it.line}` : "no longer in the transcript"}${it.time !== null ? ` · ${clock(it.time)}` : ""}</div></td>
  <td>${statusBadge(it.display_status)}${it.assignee ? html`<div class="small">${it.status === "claimed" ? "with" : "by"} ${it.assignee}</div>` : ""}</td>
  <td>${verdictBadge(it.verdict)}</td>
</tr>`,
  );
  const table = v.items.length
    ? html`<table aria-describedby="kbd-help">
<thead><tr><th class="num" scope="col">Priority</th><th scope="col">Claim</th><th scope="col">Speaker</th><th scope="col">Episode</th><th scope="col">Status</th><th scope="col">Verdict</th></tr></thead>
<tbody>${rows}</tbody></table>
${v.total > v.items.length ? html`<p class="muted small">Showing the first ${v.items.length} of ${v.total}; narrow the filters to see the rest.</p>` : ""}`
    : html`<p class="panel">No items match these filters.</p>`;
  return layout(
    ctx,
    "Queue",
    html`<h1>Fact-check queue</h1>
${counts}
${form}
<p id="kbd-help" class="small muted"><span class="kbd">j</span>/<span class="kbd">k</span> move, <span class="kbd">Enter</span> opens, <span class="kbd">/</span> searches. ${v.total} item${v.total === 1 ? "" : "s"}.</p>
${table}`,
  );
}

/**
 * The list of episodes with their turn and claim counts.
 *
 * @example
 * episodesPage(ctx, listEpisodes(db));
 */
export function episodesPage(ctx: PageContext, episodes: EpisodeSummary[]): SafeHtml {
  return layout(
    ctx,
    "Episodes",
    html`<h1>Episodes</h1>
${episodes.length
  ? html`<table><thead><tr><th scope="col">Episode</th><th scope="col">Aired</th><th scope="col">Format</th><th class="num" scope="col">Turns</th><th class="num" scope="col">Claims</th></tr></thead><tbody>
${episodes.map(
  (e) => html`<tr data-nav tabindex="-1"><td><a href="${episodeHref(e.id)}">${e.title ?? e.id}</a><div class="small muted">${e.show ?? ""} ${e.id}</div></td><td>${e.air_date ?? ""}</td><td>${e.format}</td><td class="num">${e.turns}</td><td class="num">${e.claims}</td></tr>`,
)}</tbody></table>`
  : html`<p class="panel">No episodes yet: ingest some with <code>claimcast run</code>.</p>`}`,
  );
}
