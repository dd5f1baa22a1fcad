import type { ClaimExport, EpisodeSummary, TurnExport } from "../store/exports.js";

/**
 * Format seconds as `h:mm:ss` / `m:ss`, or an empty string.
 *
 * @example
 * formatTime(75.2); // "1:15"
 */
export function formatTime(s: number | null | undefined): string {
  if (s === null || s === undefined) return "";
  const t = Math.floor(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/**
 * A figure for people: `-16800000000` → `-16.8B`, `39431263` → `39.4M`, `0.818` → `0.818`.
 *
 * @example
 * formatFigure(13400000000); // "13.4B"
 */
export function formatFigure(v: number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const a = Math.abs(v);
  if (a >= 1e12) return `${+(v / 1e12).toFixed(2)}T`;
  if (a >= 1e9) return `${+(v / 1e9).toFixed(2)}B`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(2)}M`;
  return String(+v.toFixed(3));
}

function cell(s: unknown): string {
  return mdText(String(s ?? "")).replace(/\|/g, "\\|");
}

/**
 * Text from a transcript or a person as Markdown text on one line: whitespace runs as one space,
 * and `<` as `&lt;`, so a `<script>` said in a transcript or typed into a note is shown, never run
 * by a viewer that renders HTML inside Markdown.
 *
 * @example
 * mdText("a <script>x</script>\nb"); // "a &lt;script>x&lt;/script> b"
 */
export function mdText(s: string | null | undefined): string {
  return (s ?? "").replace(/\s+/g, " ").replace(/</g, "&lt;");
}

/**
 * Render an episode's report as Markdown: who spoke, and the top claims with speaker, line, time,
 * topics, numbers, and the dataset figures beside the claimed ones.
 *
 * @example
 * renderReport(episode, turns, claims, { top: 20 });
 */
export function renderReport(ep: EpisodeSummary, turns: TurnExport[], claims: ClaimExport[], opts: { top?: number } = {}): string {
  const top = [...claims].sort((a, b) => (b.priority ?? b.score) - (a.priority ?? a.score)).slice(0, opts.top ?? 25);
  const out: string[] = [];
  out.push(`# ${mdText(ep.title ?? ep.id)}`, "");
  const facts = [
    ["Episode", ep.id],
    ["Show", ep.show],
    ["Air date", ep.air_date],
    ["Source", ep.source],
    ["Format", ep.format],
    ["Turns", ep.turns],
    ["Claims", ep.claims],
  ].filter(([, v]) => v !== null && v !== undefined);
  for (const [k, v] of facts) out.push(`- **${k}:** ${mdText(String(v))}`);
  out.push("", "## Speakers", "", "| Speaker | Role | Turns | First line |", "|---|---|---:|---:|");
  const bySpeaker = new Map<string, { role: string; n: number; line: number }>();
  for (const t of turns) {
    if (t.is_teaser) continue;
    const s = bySpeaker.get(t.speaker) ?? { role: t.role, n: 0, line: t.start_line };
    s.n++;
    bySpeaker.set(t.speaker, s);
  }
  for (const [name, s] of bySpeaker) out.push(`| ${cell(name)} | ${s.role} | ${s.n} | ${s.line} |`);
  out.push("", `## Top claims (${top.length} of ${claims.length})`, "");
  top.forEach((c, i) => {
    const who = c.claimant !== c.speaker ? `${c.claimant} (read by ${c.speaker})` : c.speaker;
    const time = formatTime(c.start_time);
    out.push(`### ${i + 1}. ${cell(c.text)}`, "");
    out.push(`- **Said by:** ${cell(who)} (${c.role}) · line ${c.start_line}${time ? ` · ${time}` : ""} · score ${c.score.toFixed(2)} · ${c.type}`);
    if (c.topics.length) out.push(`- **Topics:** ${c.topics.join(", ")}`);
    if (c.quantities.length)
      out.push(`- **Numbers:** ${c.quantities.map((q) => `${mdText(q.text)} (${q.kind} ${formatFigure(q.value)}${q.unit && q.unit !== q.kind ? " " + q.unit : ""})`).join("; ")}`);
    if (c.states.length) out.push(`- **Places:** ${c.states.join(", ")}`);
    if (c.links.length) {
      out.push("", "| Source | Table | State | Year | Metric | Recorded | Claimed | Note |", "|---|---|---|---:|---|---:|---:|---|");
      for (const l of c.links)
        out.push(`| ${cell(l.source_id)} | ${cell(l.table)} | ${l.state} | ${l.year} | ${cell(l.metric)} | ${formatFigure(l.value)} | ${formatFigure(l.claimed)} | ${cell(l.note)} |`);
    }
    if (c.suggestion) out.push("", `**Suggested:** ${c.suggestion.verdict} — ${cell(c.suggestion.reason)} _(a suggestion, not a verdict)_`);
    if (c.verdict) out.push("", `**Verdict:** ${c.verdict}`);
    out.push("");
  });
  return out.join("\n");
}
