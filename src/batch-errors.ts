import { fsReason, TranscriptError } from "./core/diagnostic.js";

/**
 * One line for a failed file: `path:line: reason` for input problems, `path: internal error: ...` else.
 *
 * @example
 * describeError("a.vtt", new TranscriptError("a.vtt", "empty file")); // "a.vtt: empty file"
 */
export function describeError(path: string, err: unknown): string {
  if (err instanceof TranscriptError) return err.message.split("\n")[0];
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "EACCES") return `${path}: permission denied`;
  if (e?.code === "EISDIR") return `${path}: is a directory`;
  if (e?.code === "ENOENT") return `${path}: no such file`;
  const msg = e instanceof Error ? e.message : String(err);
  return `${path}: internal error: ${msg.split("\n")[0]}`;
}

/**
 * One line for a file whose episode id is held by another file, stored by an earlier run, that is
 * still on disk: which file holds the id and how to go on.
 *
 * @example
 * clashError("B/ep.vtt", "ep", "A/ep.txt");
 * // "B/ep.vtt: episode id 'ep' is already taken by A/ep.txt (stored by an earlier run, and still there); rename one of them, or remove or move A/ep.txt and run again to store this file as its move"
 */
export function clashError(path: string, episode: string, storedPath: string): string {
  return (
    `${path}: episode id '${episode}' is already taken by ${storedPath} (stored by an earlier run, and still there); ` +
    `rename one of them, or remove or move ${storedPath} and run again to store this file as its move`
  );
}

/**
 * One line for an ingested file whose report could not be written.
 *
 * @example
 * reportError("a.vtt", "out/a/report.md", err); // "a.vtt: cannot write report out/a/report.md (not a directory)"
 */
export function reportError(path: string, reportFile: string, err: unknown): string {
  return `${path}: cannot write report ${reportFile} (${fsReason(err)})`;
}
