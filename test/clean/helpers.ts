import { sourceFromText } from "../../src/core/source.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { StageContext } from "../../src/core/types.js";
import { readCaptionPage } from "../../src/read/caption-page.js";

/** A stage context over a hand-made text, collecting diagnostics. */
export function contextOf(text: string): StageContext & { diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  return { source: sourceFromText("test.txt", text), report: (d) => diagnostics.push(d), diagnostics };
}

/** Read a hand-made caption page. */
export function readText(text: string) {
  const ctx = contextOf(text);
  return { ctx, read: readCaptionPage(ctx) };
}
