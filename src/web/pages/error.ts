import { html, type SafeHtml } from "../html.js";
import { layout, type PageContext } from "./layout.js";

/**
 * A plain error page: 404 (unknown page or id), 401, 403 (missing CSRF token) or 500, with one
 * line saying what happened and a link back to the queue. Never a stack trace.
 *
 * @example
 * errorPage(ctx, 404, "No queue item 'x'.");
 */
export function errorPage(ctx: PageContext, status: number, message: string): SafeHtml {
  const titles: Record<number, string> = { 400: "Bad request", 401: "Token required", 403: "Forbidden", 404: "Not found", 405: "Method not allowed", 409: "Conflict", 500: "Something went wrong" };
  const title = titles[status] ?? "Error";
  const line = message.split("\n")[0].slice(0, 300);
  return layout(
    ctx,
    title,
    html`<h1>${status} · ${title}</h1>
<p class="flash err" role="alert">${line}</p>
<p><a href="/">Back to the queue</a></p>`,
    { narrow: true },
  );
}
