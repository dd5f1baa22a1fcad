// Odd inputs in a batch (QA): an unreadable folder, files that are not regular files, reader
// warnings, control characters in file names, symbolic link loops, --format on unchanged files.
// Each fails (or warns) alone, in one line naming the path; the other files are still ingested.
import { describe, expect, test } from "vitest";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { BIN, cli, tempDir } from "../helpers/cli.js";
import { collectFiles, describeError, oneLine } from "../../src/batch.js";
import { TranscriptError } from "../../src/core/diagnostic.js";

const ESSAY = "transcripts/000_3a126643cd20d101.txt";

/** Run the CLI with a time limit (a FIFO used to block a run forever); `prefix` runs it through another command. */
function run(args: string[], prefix: string[] = []) {
  const argv = [...prefix, process.execPath, BIN, ...args];
  return spawnSync(argv[0], argv.slice(1), { encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 });
}

/** A folder `in` with one good transcript, `good.txt`. */
function folder(): { root: string; dir: string } {
  const root = tempDir();
  const dir = join(root, "in");
  mkdirSync(dir);
  copyFileSync(ESSAY, join(dir, "good.txt"));
  return { root, dir };
}

const json = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l));
const have = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).error === undefined;
const isRoot = process.getuid?.() === 0;
// As root a folder with mode 000 is still readable: run the CLI as `nobody` through setpriv.
const canLock = !isRoot || have("setpriv", ["--version"]);

describe("a folder that cannot be listed", () => {
  test("collectFiles: its one-line failure, and the files beside it are still collected", () => {
    const { dir } = folder();
    mkdirSync(join(dir, "lockeddir"));
    writeFileSync(join(dir, "lockeddir", "x.txt"), "A: hi\n");
    mkdirSync(join(dir, "sub"));
    copyFileSync(ESSAY, join(dir, "sub", "other.txt"));
    const readdir = (d: string) => {
      if (d.endsWith("lockeddir")) throw Object.assign(new Error(`EACCES: permission denied, scandir '${d}'`), { code: "EACCES" });
      return readdirSync(d, { withFileTypes: true });
    };
    const got = collectFiles([dir], { readdir });
    expect(got.files).toEqual([join(dir, "good.txt"), join(dir, "sub", "other.txt")]);
    expect(got.failed).toEqual([{ path: join(dir, "lockeddir"), error: `${join(dir, "lockeddir")}: permission denied` }]);
    expect(got.missing).toEqual([]);
  });

  test.skipIf(!canLock)("run: `path: permission denied`, the other files ingested, the run recorded, exit 1", () => {
    const { root, dir } = folder();
    const locked = join(dir, "lockeddir");
    mkdirSync(locked);
    copyFileSync(ESSAY, join(locked, "hidden.txt"));
    chmodSync(locked, 0o000);
    let prefix: string[] = [];
    if (isRoot) {
      // `nobody` must reach the folder (the test root is 0700) and write the database beside it.
      for (const d of [tmpdir(), root]) chmodSync(d, statSync(d).mode | 0o711);
      chmodSync(root, 0o777);
      prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
    }
    const db = join(root, "x.db");
    let r: ReturnType<typeof run>;
    try {
      r = run(["run", dir, "--db", db, "--out", join(root, "out")], prefix);
    } finally {
      chmodSync(locked, 0o755); // so the teardown can remove it
    }
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe(`${locked}: permission denied`);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ingested ${join(dir, "good.txt")} \\(`)));
    expect(lines.at(-1)).toMatch(/^1 ingested, 0 unchanged, 1 failed/);
    const status = JSON.parse(cli(["status", "--json", "--db", db]).stdout);
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ ingested: 1, failed: 1, details: [{ path: locked, error: `${locked}: permission denied` }] });
    expect(status[0].finished_at).not.toBe(null);
  });
});

describe("only regular files are read", () => {
  test.each([["1"], ["2"]])("a FIFO, a link to /dev/zero, a socket, a link to a folder named *.txt: `not a regular file` each (--jobs %s)", async (jobs) => {
    const { root, dir } = folder();
    const made = have("mkfifo", [join(dir, "fifo.srt")]);
    symlinkSync("/dev/zero", join(dir, "zero.txt"));
    mkdirSync(join(root, "folder"));
    symlinkSync(join(root, "folder"), join(dir, "folder.txt"));
    // A symbolic link to a regular file is fine.
    copyFileSync(ESSAY, join(root, "real.txt"));
    symlinkSync(join(root, "real.txt"), join(root, "linked.txt"));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, "sock.txt"), resolve));
    try {
      const r = run(["run", dir, join(root, "linked.txt"), "--db", join(root, "x.db"), "--json", "--no-report", "--jobs", jobs]);
      expect(r.signal, "the run hung").toBe(null);
      expect(r.status).toBe(1);
      const bad = ["zero.txt", "folder.txt", "sock.txt", ...(made ? ["fifo.srt"] : [])];
      expect(r.stderr.trim().split("\n").sort()).toEqual(bad.map((f) => `${join(dir, f)}: not a regular file`).sort());
      const rows = json(r.stdout);
      expect(rows.at(-1)).toMatchObject({ summary: true, ingested: 2, failed: bad.length });
      expect(rows.find((l) => l.path === join(root, "linked.txt"))).toMatchObject({ status: "ingested", episode: "linked" });
    } finally {
      server.close();
    }
  });

  test("a stored file replaced by a FIFO fails alone when it is hashed", () => {
    const { root, dir } = folder();
    const db = join(root, "x.db");
    expect(run(["run", dir, "--db", db, "--quiet", "--no-report"]).status).toBe(0);
    renameSync(join(dir, "good.txt"), join(root, "good.bak"));
    if (!have("mkfifo", [join(dir, "good.txt")])) symlinkSync("/dev/zero", join(dir, "good.txt"));
    const r = run(["run", dir, "--db", db, "--quiet", "--no-report"]);
    expect(r.signal, "the run hung").toBe(null);
    expect([r.status, r.stderr]).toEqual([1, `${join(dir, "good.txt")}: not a regular file\n`]);
  });
});

describe("reader warnings are shown, errors only with --quiet", () => {
  const vtt =
    "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ann>California pays $1.20 for every dollar it gets back.\n\n" +
    "00:00:0x.000 --> 00:00:09.000\n<v Bob>Texas has 30 million people.\n\n" +
    "00:00:09.000 --> 00:00:08.000\n<v Bob>Ohio got $1.10 for every dollar it sent.\n";
  const podcast = JSON.stringify({ version: "1.0.0", segments: [{ speaker: "A", startTime: -1, endTime: 2, body: "Ohio got $1.10 for every dollar it sent in 2022." }] }, null, 1);
  const setup = () => {
    const { root, dir } = folder();
    writeFileSync(join(dir, "w.vtt"), vtt);
    writeFileSync(join(dir, "p.json"), podcast);
    return { root, dir };
  };
  const vttWarnings = ["line 6: broken cue timing '00:00:0x.000 --> 00:00:09.000'; cue skipped", "line 9: cue ends (8s) before it starts (9s)"];

  test("one stderr line per file with warnings; --json has them in `warnings`; --quiet prints none", () => {
    const { root, dir } = setup();
    const r = run(["run", dir, "--db", join(root, "a.db"), "--no-report", "--jobs", "2"]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toContain(`${join(dir, "w.vtt")}: 2 warnings (${vttWarnings.join(" | ")})`);
    expect(lines.filter((l) => l.includes("p.json"))).toEqual([
      expect.stringMatching(/^ingested /),
      `${join(dir, "p.json")}: 1 warning (line 4: negative start time (-1s); the segment is kept without one)`,
    ]);
    // The caption page's notes (dropped page chrome) are infos, not warnings.
    expect(lines.filter((l) => l.includes("good.txt"))).toHaveLength(1);

    const j = run(["run", dir, "--db", join(root, "b.db"), "--no-report", "--json"]);
    expect([j.status, j.stderr]).toEqual([0, ""]);
    const rows = json(j.stdout);
    expect(rows.find((l) => l.path.endsWith("w.vtt"))).toMatchObject({ status: "ingested", note: null, error: null, warnings: vttWarnings });
    expect(rows.find((l) => l.path.endsWith("good.txt")).warnings).toEqual([]);
    expect(rows.find((l) => l.path.endsWith("p.json")).warnings).toHaveLength(1);

    const q = run(["run", dir, "--db", join(root, "c.db"), "--no-report", "--quiet"]);
    expect([q.status, q.stderr]).toEqual([0, ""]);
  });
});

describe("control characters in file names", () => {
  test("describeError keeps the whole line and shows control characters escaped", () => {
    expect(describeError("in/new\nline.txt", new TranscriptError("in/new\nline.txt", "empty file"))).toBe("in/new\\nline.txt: empty file");
    expect(describeError("in/\u001b[31m.txt", new TranscriptError("in/\u001b[31m.txt", "bad\rreason", 3))).toBe("in/\\x1b[31m.txt:3: bad\\rreason");
    const enoent = Object.assign(new Error("EIO: i/o error, read 'in/a\nb.txt'"), { code: "EIO" });
    expect(describeError("in/a\nb.txt", enoent)).toBe("in/a\\nb.txt: internal error: EIO: i/o error, read 'in/a\\nb.txt'");
    expect(oneLine(oneLine("a\tb\u202ec\u0085"))).toBe("a\\tb\\u202ec\\x85");
  });

  test("run: one escaped line per bad file, never a raw escape sequence", () => {
    const { root, dir } = folder();
    writeFileSync(join(dir, "new\nline.txt"), "");
    writeFileSync(join(dir, "\u001b[31mred.txt"), "");
    copyFileSync(ESSAY, join(dir, "tab\there.txt"));
    const r = run(["run", dir, "--db", join(root, "x.db"), "--no-report"]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/[\u001b\t]/);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toContain(`${dir}/new\\nline.txt: empty file`);
    expect(lines).toContain(`${dir}/\\x1b[31mred.txt: empty file`);
    expect(lines).toContainEqual(expect.stringMatching(/^ingested .*\/tab\\there\.txt \(/));
    expect(lines).toHaveLength(5); // two failures, two files ingested, the summary
    const status = JSON.parse(cli(["status", "--json", "--db", join(root, "x.db")]).stdout);
    expect(status[0].details.map((d: { error: string }) => d.error).sort()).toEqual([`${dir}/\\x1b[31mred.txt: empty file`, `${dir}/new\\nline.txt: empty file`]);
  });
});

describe("symbolic link loops", () => {
  test("`path: symbolic link loop`, in a folder and named on the command line", () => {
    const { root, dir } = folder();
    symlinkSync("loop.txt", join(dir, "loop.txt"));
    symlinkSync(join(root, "b.txt"), join(root, "a.txt"));
    symlinkSync(join(root, "a.txt"), join(root, "b.txt"));
    const r = run(["run", dir, join(root, "a.txt"), "--db", join(root, "x.db"), "--quiet", "--no-report"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n").sort()).toEqual([`${join(root, "a.txt")}: symbolic link loop`, `${join(dir, "loop.txt")}: symbolic link loop`]);
    const status = JSON.parse(cli(["status", "--json", "--db", join(root, "x.db")]).stdout);
    expect(status[0]).toMatchObject({ ingested: 1, failed: 2 });
  });
});

describe("--format on files already ingested", () => {
  test("the help says an unchanged file keeps its format unless --force; a run says when --format did not apply", () => {
    const help = cli(["run", "--help"]).stdout.replace(/\s+/g, " ");
    const option = help.slice(help.indexOf("--format <id>"), help.indexOf("--out <dir>"));
    expect(option).toMatch(/unchanged.*--force/);

    const { root, dir } = folder();
    const db = join(root, "x.db");
    expect(run(["run", dir, "--db", db, "--quiet", "--no-report"]).status).toBe(0);
    const r = run(["run", dir, "--db", db, "--no-report", "--format", "name-colon"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("note: --format name-colon did not apply to 1 unchanged file(s), which keep their stored format; add --force to re-read them");
    const eps = JSON.parse(cli(["episodes", "--json", "--db", db]).stdout);
    expect(eps[0].format).toBe("caption-page");
    expect(run(["run", dir, "--db", db, "--quiet", "--no-report", "--format", "name-colon", "--force"]).stderr).toBe("");
    expect(JSON.parse(cli(["episodes", "--json", "--db", db]).stdout)[0].format).toBe("name-colon");
  });
});
