import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { openDb } from "../../src/store/open.js";
import { writeEpisode } from "../../src/store/episodes.js";
import { BIN, tempDir } from "../helpers/cli.js";
import { makeRecord, manyClaims } from "../queue/fixtures.js";

const WORKERS = 8;
const ITEMS = 96;

/** One `claimcast queue next` process: its exit code and the id it got (if any). */
function next(db: string, worker: string): Promise<{ code: number; id: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, "queue", "next", "--as", worker, "--json", "--db", db], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("error", reject);
    p.on("close", (code) => {
      const parsed = out.trim() ? JSON.parse(out) : null;
      resolve({ code: code ?? -1, id: parsed?.id ?? null, stderr: err });
    });
  });
}

describe("queue next under concurrency", () => {
  test(`${WORKERS} processes calling 'queue next' until empty: every item handed out exactly once`, async () => {
    const file = join(tempDir(), "q.db");
    const db = openDb(file);
    writeEpisode(db, makeRecord("ep_conc", manyClaims(ITEMS)));
    const ids = (db.prepare("SELECT claim_id FROM queue_items ORDER BY claim_id").all() as { claim_id: string }[]).map((r) => r.claim_id);
    db.close();
    expect(ids).toHaveLength(ITEMS);

    const got = new Map<string, string[]>();
    const failures: string[] = [];
    const t0 = performance.now();
    let calls = 0;
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, i) => {
        const w = `w${i}`;
        got.set(w, []);
        for (;;) {
          const r = await next(file, w);
          calls++;
          if (r.code === 3) {
            expect(r.stderr).toMatch(/queue is empty/);
            break;
          }
          if (r.code !== 0 || !r.id) {
            failures.push(`${w}: exit ${r.code} ${r.stderr}`);
            break;
          }
          got.get(w)!.push(r.id);
        }
      }),
    );
    const ms = performance.now() - t0;
    expect(failures).toEqual([]);
    const handed = [...got.values()].flat();
    expect(handed).toHaveLength(ITEMS);
    expect(new Set(handed).size).toBe(ITEMS);
    expect([...handed].sort()).toEqual(ids);

    const check = openDb(file);
    const rows = check.prepare("SELECT claim_id, status, assignee FROM queue_items").all() as { claim_id: string; status: string; assignee: string }[];
    for (const r of rows) {
      expect(r.status).toBe("claimed");
      expect(got.get(r.assignee)).toContain(r.claim_id);
    }
    const claims = check.prepare("SELECT claim_id, count(*) AS n FROM audit_log WHERE action = 'claim' GROUP BY claim_id").all() as { n: number }[];
    expect(claims).toHaveLength(ITEMS);
    expect(claims.every((c) => c.n === 1)).toBe(true);
    check.close();
    const per = [...got].map(([w, l]) => `${w}=${l.length}`).join(" ");
    console.log(`queue next: ${ITEMS} items, ${WORKERS} workers, ${calls} processes in ${Math.round(ms)} ms; per worker ${per}`);
  }, 180_000);
});
