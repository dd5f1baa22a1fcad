/**
 * HTML that is already safe to insert: produced by `html` or, for trusted constants, `raw`.
 *
 * @example
 * html`<p>${"a"}</p>` instanceof SafeHtml; // true
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/**
 * Escape text for an HTML text node or a quoted attribute value.
 *
 * @example
 * escapeHtml('<img src=x onerror="alert(1)">'); // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** A value `html` accepts: text (escaped), numbers, safe HTML, nothing, or lists of these. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false || v === true) return "";
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

/**
 * Tagged template that escapes every interpolation unless it is already `SafeHtml` (another
 * `html` result). Arrays are joined; `null`, `undefined` and booleans render as nothing, so
 * `${cond && html`…`}` works.
 *
 * @example
 * html`<p>${"<script>"}</p>`.value; // "<p>&lt;script&gt;</p>"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Mark a trusted constant (the stylesheet, the inline script) as safe. Never pass user data.
 *
 * @example
 * raw("<br>");
 */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}
