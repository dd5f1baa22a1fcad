import { CORRECTION_ROLES, turnKey, type SpeakerCorrection } from "../../store/corrections.js";
import type { EpisodePage, WebTurn } from "../../store/web.js";
import { html, type SafeHtml } from "../html.js";
import { claimHref, clock, csrfField, episodeHref, highlight, layout, speakerHue, speakerLabel, verdictBadge, type PageContext } from "./layout.js";

/** A stretch of source text the clean stage dropped as page chrome. */
export interface DroppedSpan {
  start: number;
  end: number;
  /** The dropped source text, when the source file is still available unchanged. */
  text: string | null;
  message: string;
}

/** Data of the episode page. */
export interface EpisodeView {
  page: EpisodePage;
  dropped: DroppedSpan[];
  corrections: SpeakerCorrection[];
  done?: string;
  error?: string;
}

/**
 * Spans the clean stage dropped as chrome (`clean/strip-chrome` diagnostics with a span), with
 * their source text when `source` is given; sorted by offset.
 *
 * @example
 * droppedSpans('[{"ruleId":"clean/strip-chrome","span":{"start":0,"end":9},"message":"chrome"}]', "Menu Home rest"); // [{ start: 0, end: 9, text: "Menu Home", … }]
 */
export function droppedSpans(diagnosticsJson: string, source: string | undefined): DroppedSpan[] {
  let diags: unknown;
  try {
    diags = JSON.parse(diagnosticsJson);
  } catch {
    return [];
  }
  if (!Array.isArray(diags)) return [];
  const out: DroppedSpan[] = [];
  for (const d of diags as { ruleId?: unknown; span?: { start?: unknown; end?: unknown }; message?: unknown }[]) {
    if (d?.ruleId !== "clean/strip-chrome" || !d.span) continue;
    const { start, end } = d.span;
    if (typeof start !== "number" || typeof end !== "number" || end < start) continue;
    const text = source !== undefined && end <= source.length ? source.slice(start, end) : null;
    out.push({ start, end, text, message: typeof d.message === "string" ? d.message : "dropped page chrome" });
  }
  return out.sort((a, b) => a.start - b.start);
}

function roleSelect(id: string, selected: string | null, keep: string): SafeHtml {
  return html`<select id="${id}" name="role"><option value="">${keep}</option>${CORRECTION_ROLES.map(
    (r) => html`<option${r === selected ? html` selected` : ""}>${r}</option>`,
  )}</select>`;
}

function speakersPanel(ctx: PageContext, v: EpisodeView): SafeHtml {
  const base = episodeHref(v.page.episode.id);
  return html`<h2>Speakers</h2>
<ul class="speakers">${v.page.speakers.map(
    (s, i) => html`<li><span class="chip ${speakerHue(s.name)}">${speakerLabel(s.name)}</span> <span class="small muted">${s.role} · ${s.turns} turn${s.turns === 1 ? "" : "s"}${s.heard_as ? ` · heard as ${s.heard_as}` : ""}</span>
  ${ctx.me && s.turns > 0
    ? html`<details><summary>Rename</summary><form method="post" action="${base}/rename">${csrfField(ctx)}
    <input type="hidden" name="from" value="${s.name}">
    <label for="rn-to-${i}">New name for ${s.name}</label><input type="text" id="rn-to-${i}" name="to" required maxlength="120" value="${s.name}">
    <label for="rn-role-${i}">Role</label>${roleSelect(`rn-role-${i}`, null, `keep (${s.role})`)}
    <button type="submit">Rename</button></form></details>`
    : ""}</li>`,
  )}</ul>
${ctx.me ? "" : html`<p class="small muted">Give your name at the top of the page to rename speakers or move turns.</p>`}
${v.corrections.length
  ? html`<details><summary>${v.corrections.length} correction${v.corrections.length === 1 ? "" : "s"} (kept across re-ingests)</summary><ul class="small">${v.corrections.map(
      (c) => html`<li>${c.at.slice(0, 16).replace("T", " ")} ${c.by}: ${c.kind === "rename" ? html`renamed ${c.from_name}` : html`moved a turn of ${c.from_name}`} → ${c.to_name}${c.to_role ? ` (${c.to_role})` : ""}</li>`,
    )}</ul></details>`
  : ""}`;
}

function turnBlock(ctx: PageContext, v: EpisodeView, t: WebTurn): SafeHtml {
  const claims = v.page.claimsByTurn.get(t.idx) ?? [];
  const key = turnKey(t.start_offset, t.text);
  return html`<div class="turn ${speakerHue(t.speaker)}${t.is_teaser ? " teaser" : ""}" id="turn-${t.idx}">
  <div class="meta">${speakerLabel(t.speaker, t.role)} · line ${t.start_line}${t.end_line !== t.start_line ? `–${t.end_line}` : ""}${t.start_time !== null ? ` · ${clock(t.start_time)}` : ""}${t.is_teaser ? html` · <strong>teaser</strong> (repeated later in the programme)` : ""}</div>
  <div>${highlight(t.text, claims.map((c) => c.text))}</div>
  ${claims.length ? html`<ul class="small">${claims.map((c) => html`<li><a href="${claimHref(c.id)}">claim: ${c.text.length > 80 ? c.text.slice(0, 79) + "…" : c.text}</a> ${c.status ?? ""} ${verdictBadge(c.verdict)}</li>`)}</ul>` : ""}
  ${ctx.me
    ? html`<details><summary class="small">Change speaker</summary><form method="post" action="${episodeHref(v.page.episode.id)}/move">${csrfField(ctx)}
    <input type="hidden" name="turn" value="${key}">
    <label for="mv-to-${t.idx}">Speaker of this turn</label><input type="text" id="mv-to-${t.idx}" name="to" list="speaker-names" required maxlength="120" value="${t.speaker}">
    <label for="mv-role-${t.idx}">Role</label>${roleSelect(`mv-role-${t.idx}`, null, "the speaker's role")}
    <button type="submit">Move turn</button></form></details>`
    : ""}
</div>`;
}

/**
 * The episode page: the cleaned transcript as turns coloured by speaker, teaser turns marked,
 * dropped chrome greyed in place, and forms to rename a speaker or move a turn to another
 * speaker (stored as corrections that survive re-ingesting).
 *
 * @example
 * episodePageView(ctx, { page: episodePage(db, id)!, dropped: [], corrections: [] });
 */
export function episodePageView(ctx: PageContext, v: EpisodeView): SafeHtml {
  const e = v.page.episode;
  const names = v.page.speakers.map((s) => s.name);
  type Block = { at: number; kind: 0 | 1; turn?: WebTurn; span?: DroppedSpan };
  const blocks: Block[] = [
    ...v.page.turns.map((t): Block => ({ at: t.start_offset, kind: 1, turn: t })),
    ...v.dropped.map((s): Block => ({ at: s.start, kind: 0, span: s })),
  ].sort((a, b) => a.at - b.at || a.kind - b.kind);
  const body = blocks.map((b) =>
    b.turn
      ? turnBlock(ctx, v, b.turn)
      : html`<div class="dropped" title="${b.span!.message}"><span class="small">dropped as page chrome:</span>
${b.span!.text ?? `${b.span!.end - b.span!.start} characters (the source file is no longer available)`}</div>`,
  );
  return layout(
    ctx,
    e.title ?? e.id,
    html`<p class="small"><a href="/">Queue</a> › <a href="/episodes">Episodes</a></p>
<h1>${e.title ?? e.id}</h1>
<p class="muted small">${[e.show, e.air_date ? `aired ${e.air_date}` : null, e.format].filter(Boolean).join(" · ")} · <code>${e.source_path}</code> · <a href="/?episode=${encodeURIComponent(e.id)}&amp;status=all">queue items</a></p>
${v.done ? html`<p class="flash ok" role="status">${v.done}</p>` : ""}
${v.error ? html`<p class="flash err" role="alert">${v.error}</p>` : ""}
${speakersPanel(ctx, v)}
<datalist id="speaker-names">${names.map((n) => html`<option value="${n}">`)}</datalist>
<h2>Transcript</h2>
${v.dropped.length ? html`<p class="small muted">Greyed blocks are page chrome the cleaner dropped; dashed turns are the teaser.</p>` : ""}
${body}`,
  );
}
