import { VERDICTS, type ItemDetail } from "../../queue/workflow.js";
import type { ClaimPlace, LinkedRow, WebTurn } from "../../store/web.js";
import { html, type SafeHtml } from "../html.js";
import {
  claimHref,
  clock,
  csrfField,
  episodeHref,
  highlight,
  layout,
  safeLink,
  speakerHue,
  speakerLabel,
  statusBadge,
  verdictBadge,
  type PageContext,
} from "./layout.js";

/** Data of the claim page. */
export interface ClaimView {
  detail: ItemDetail;
  place: { claim: ClaimPlace; turns: WebTurn[] } | undefined;
  links: LinkedRow[];
  /** A message after a successful action. */
  done?: string;
  /** A refused action: its message, and what the user had typed so it is not lost. */
  error?: { message: string; form: Record<string, string> };
}

function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return Math.abs(n) >= 1000 ? n.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(Math.round(n * 1000) / 1000);
}

function hidden(ctx: PageContext, d: ItemDetail): SafeHtml {
  return html`${csrfField(ctx)}<input type="hidden" name="updated_at" value="${d.item.updated_at}">`;
}

function actions(ctx: PageContext, v: ClaimView): SafeHtml {
  const d = v.detail;
  const it = d.item;
  const base = claimHref(it.id);
  const typed = v.error?.form ?? {};
  if (!ctx.me) return html`<p class="panel">Give your name at the top of the page to claim, skip or resolve this item.</p>`;
  const mine = it.status === "claimed" && it.assignee === ctx.me;
  const open = it.status === "open" || it.status === "claimed";
  const parts: SafeHtml[] = [];
  if (open && !mine)
    parts.push(html`<form method="post" action="${base}/claim">${hidden(ctx, d)}<button type="submit" class="primary">${
      it.status === "claimed" ? `Take over from ${it.assignee}` : "Claim for me"
    }</button></form>`);
  if (it.status === "claimed") parts.push(html`<form method="post" action="${base}/release">${hidden(ctx, d)}<button type="submit">Release</button></form>`);
  if (open || (it.status === "resolved" && !it.published)) {
    const sources = typed.sources ?? it.sources.join("\n");
    parts.push(html`<form method="post" action="${base}/resolve"><fieldset><legend>${it.status === "resolved" ? "Change the verdict" : "Resolve"}</legend>
  ${hidden(ctx, d)}
  ${it.status === "claimed" && !mine ? html`<p class="small">${it.assignee} has this item; your verdict will be recorded as yours.</p>` : ""}
  <label for="verdict">Verdict</label>
  <select id="verdict" name="verdict" required><option value="">choose…</option>${VERDICTS.map(
    (x) => html`<option${(typed.verdict ?? it.verdict) === x ? html` selected` : ""}>${x}</option>`,
  )}</select>
  <label for="note">Note (why)</label>
  <textarea id="note" name="note" rows="4" required>${typed.note ?? it.note ?? ""}</textarea>
  <label for="sources">Source URLs <span class="muted small">(one per line)</span></label>
  <textarea id="sources" name="sources" rows="2">${sources}</textarea>
  <p><button type="submit" class="primary">Save verdict</button></p>
</fieldset></form>`);
  }
  if (open)
    parts.push(html`<form method="post" action="${base}/skip"><fieldset><legend>Skip</legend>${hidden(ctx, d)}
  <label for="skip-reason">Reason</label><input type="text" id="skip-reason" name="reason" required value="${typed.reason ?? ""}">
  <p><button type="submit">Skip item</button></p></fieldset></form>`);
  if (it.status === "resolved" || it.status === "skipped")
    parts.push(html`<form method="post" action="${base}/reopen"><fieldset><legend>Reopen</legend>${hidden(ctx, d)}
  <label for="reopen-reason">Reason</label><input type="text" id="reopen-reason" name="reason" required value="${typed.reason ?? ""}">
  <p><button type="submit">Reopen</button></p></fieldset></form>`);
  return html`${parts}`;
}

function stateLine(d: ItemDetail): SafeHtml {
  const it = d.item;
  const gone = it.orphaned ? html`<p>The claim's wording changed or vanished on a re-ingest; this item keeps its old text${it.status === "resolved" ? " and its verdict" : ""}.</p>` : html``;
  return html`${gone}${statusLine(it)}`;
}

function statusLine(it: ItemDetail["item"]): SafeHtml {
  if (it.orphaned && it.status !== "resolved") return html``;
  if (it.status === "claimed") return html`<p>Claimed by <strong>${it.assignee}</strong>${it.claimed_at ? html` since ${it.claimed_at.slice(0, 16).replace("T", " ")}` : ""}.</p>`;
  if (it.status === "resolved")
    return html`<p>${verdictBadge(it.verdict)} by <strong>${it.resolved_by}</strong> at ${(it.resolved_at ?? "").slice(0, 16).replace("T", " ")}${it.published ? html` · published by ${it.published_by}` : ""}</p>
<p>${it.note}</p>${it.sources.length ? html`<ul>${it.sources.map((s) => html`<li>${safeLink(s)}</li>`)}</ul>` : ""}`;
  if (it.status === "skipped") return html`<p>Skipped: ${it.skip_reason}</p>`;
  return html`<p>Open: nobody has it yet.</p>`;
}

/** At most `around` characters either side of `needle` (or the first 2×`around` characters), cut at spaces. */
function excerpt(text: string, needle: string, around: number): string {
  const at = needle ? text.indexOf(needle) : 0;
  const from = Math.max(0, (at < 0 ? 0 : at) - around);
  const to = Math.min(text.length, (at < 0 ? 0 : at) + needle.length + (needle ? around : 2 * around));
  if (from === 0 && to === text.length) return text;
  let start = from === 0 ? 0 : text.indexOf(" ", from) + 1 || from;
  if (at >= 0 && start > at) start = from;
  const endSpace = to === text.length ? -1 : text.lastIndexOf(" ", to);
  const end = endSpace > start && (at < 0 || endSpace >= at + needle.length) ? endSpace : to;
  return `${start > 0 ? "… " : ""}${text.slice(start, end)}${end < text.length ? " …" : ""}`;
}

function context(v: ClaimView): SafeHtml {
  if (!v.place) return html`<p class="muted">The claim is no longer in the transcript.</p>`;
  const c = v.place.claim;
  const readOut = c.claimant !== c.speaker;
  return html`${readOut ? html`<p class="panel">A comment from <strong>${c.claimant}</strong>, read out by ${speakerLabel(c.speaker)}.</p>` : ""}
${v.place.turns.map(
  (t) => html`<div class="turn ${speakerHue(t.speaker)}${t.idx === c.turn_idx ? " current" : ""}${t.is_teaser ? " teaser" : ""}">
  <div class="meta">${speakerLabel(t.speaker, t.role)} · line ${t.start_line}${t.start_time !== null ? ` · ${clock(t.start_time)}` : ""}${t.is_teaser ? " · teaser" : ""}</div>
  <div>${t.idx === c.turn_idx ? highlight(excerpt(t.text, c.text, 500), [c.text]) : excerpt(t.text, "", 400)}</div>
</div>`,
)}`;
}

function evidence(v: ClaimView): SafeHtml {
  const d = v.detail;
  const rows = v.links.map(
    (l) => html`<tbody class="link"><tr><td class="metric">${l.metric.replace(/_/g, " ")}<div class="small muted">${l.state} · ${l.year}</div></td>
  <td class="num">${fmt(l.claimed)}</td><td class="num">${fmt(l.value)}</td>
  <td>${safeLink(l.url, l.label ?? l.publisher ?? l.title ?? l.source_id)}<div class="small muted">${l.table}</div></td></tr>
  <tr class="method"><td colspan="4" class="small"><strong>Method:</strong> ${l.method ?? "not stated"}${l.note ? html`<div class="muted">${l.note}</div>` : ""}</td></tr></tbody>`,
  );
  return html`<h2>Dataset</h2>
${v.links.length
  ? html`<div class="scroll"><table class="links"><thead><tr><th scope="col">Figure</th><th class="num" scope="col">Claimed</th><th class="num" scope="col">Recorded</th><th scope="col">Source</th></tr></thead>${rows}</table></div>`
  : html`<p class="muted">${d.item.orphaned ? "Not linked now: the claim is no longer in the transcript." : "Not linked to any dataset figure."}</p>`}
${d.suggestion ? html`<p class="panel"><strong>Suggestion:</strong> ${verdictBadge(d.suggestion.verdict)} ${d.suggestion.reason}</p>` : ""}`;
}

function tags(d: ItemDetail): SafeHtml {
  return html`<h2>Topics and numbers</h2>
<p>${d.topics.length ? d.topics.map((t) => html`<span class="chip h3" title="${t.terms.join(", ")}">${t.label ?? t.id}</span> `) : html`<span class="muted">${d.item.orphaned ? "none now: the claim is no longer in the transcript" : "no topic"}</span>`}</p>
${d.quantities.length ? html`<ul>${d.quantities.map((q) => html`<li><strong>${q.text}</strong> <span class="muted small">${q.kind}: ${q.kind === "year" ? String(q.value) : fmt(q.value)}${q.unit && q.unit !== "year" ? ` ${q.unit}` : ""}</span></li>`)}</ul>` : ""}
${d.states.length ? html`<p class="small">Places: ${d.states.join(", ")}</p>` : ""}
<p class="small muted">Priority ${d.item.orphaned ? "(as of its last ingest) " : ""}${d.priority.explanation}</p>`;
}

function similar(d: ItemDetail): SafeHtml {
  if (!d.similar.length) return html``;
  return html`<h2>Similar claims and earlier verdicts</h2><ul>${d.similar.map(
    (s) => html`<li><a href="${claimHref(s.id)}">${s.text}</a> ${verdictBadge(s.verdict)}
  <div class="small muted">${s.kind}${s.confirmed ? " (confirmed)" : ""} · ${s.earlier ?? `${s.status} in ${s.episode_title ?? s.episode}`}</div></li>`,
  )}</ul>`;
}

function changeSummary(after: unknown): string {
  if (!after || typeof after !== "object") return "";
  const a = after as Record<string, unknown>;
  const bits: string[] = [];
  for (const k of ["status", "assignee", "verdict"]) if (a[k] !== undefined && a[k] !== null) bits.push(`${k} ${String(a[k])}`);
  return bits.join(", ");
}

function history(d: ItemDetail): SafeHtml {
  return html`<h2>History</h2>
<table><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Details</th></tr></thead><tbody>
${d.history.map(
  (h) => html`<tr><td class="small">${h.at.slice(0, 19).replace("T", " ")}</td><td>${h.actor}</td><td>${h.action}</td><td class="small">${changeSummary(h.after)}${h.reason ? html`<div class="muted">${h.reason}</div>` : ""}</td></tr>`,
)}</tbody></table>`;
}

/**
 * The claim page: the claim in its transcript context, its state and the actions (claim,
 * release, skip, resolve, reopen; every form carries the CSRF token and the item's `updated_at`),
 * topics and numbers, linked dataset figures with sources and methods, the suggestion, similar
 * claims and the history.
 *
 * @example
 * claimPage(ctx, { detail: showItem(db, { id }), place: claimTurns(db, id), links: linkedRows(db, id) });
 */
export function claimPage(ctx: PageContext, v: ClaimView): SafeHtml {
  const d = v.detail;
  const it = d.item;
  const ep = d.episode;
  return layout(
    ctx,
    `Claim ${it.id}`,
    html`<p class="small"><a href="/">Queue</a> › ${ep ? html`<a href="${episodeHref(ep.id)}">${ep.title ?? ep.id}</a>` : it.episode}${ep?.air_date ? ` · ${ep.air_date}` : ""}</p>
<h1 class="claimtext">“${it.text ?? ""}”</h1>
<p>${statusBadge(it.display_status)} ${verdictBadge(it.verdict)} ${d.claim ? html`${speakerLabel(d.claim.speaker, d.claim.role)}${d.claim.claimant !== d.claim.speaker ? html` for <strong>${d.claim.claimant}</strong>` : ""} · line ${d.claim.start_line}${d.claim.start_time !== null ? ` · ${clock(d.claim.start_time)}` : ""} · ${d.claim.type}` : ""}
 <span class="small muted">· <code>${it.id}</code></span></p>
${v.done ? html`<p class="flash ok" role="status">${v.done}</p>` : ""}
${v.error ? html`<p class="flash err" role="alert">${v.error.message}</p>` : ""}
<div class="grid">
<div>
<h2>In the transcript</h2>
${context(v)}
${evidence(v)}
${tags(d)}
${similar(d)}
${history(d)}
</div>
<aside class="actions" aria-label="Actions">
<h2>State</h2>
<div class="panel">${stateLine(d)}</div>
${it.orphaned ? "" : actions(ctx, v)}
</aside>
</div>`,
  );
}
