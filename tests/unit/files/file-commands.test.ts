import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { OrchestratorClient } from "@/lib/orchestrator/client";
import { codePointLength } from "@/lib/sandbox/code-point-length";
import {
  deleteCommand,
  downloadStartCommand,
  listCommand,
  mkdirCommand,
  readChunkBytes,
  readChunkCommand,
  readStartCommand,
  renameCommand,
  uploadCheckCommand,
  uploadChunkCommand,
  uploadCommitCommand,
} from "@/lib/sandbox/files/file-commands";
import { fileExit } from "@/lib/sandbox/files/file-exit-codes";
import { normalizeFilePath } from "@/lib/sandbox/files/file-path";
import { parseListing } from "@/lib/sandbox/files/parse-listing";
import { shellQuote } from "@/lib/sandbox/files/shell-quote";
import { readFileStart } from "@/lib/sandbox/files/read-file-start";
import { fileLimits, maxCommandLength } from "@/lib/sandbox/request-limits";
import { runShellCommand } from "@/lib/sandbox/shell/run-shell-command";
import { productionExec } from "../shell/production-bash";

/**
 * The Files view's commands run by real bash, inside the script the dashboard sends and the
 * wrapper production's orchestrator puts around it (production-bash.ts): output stripped of
 * trailing newlines and decoded with replacement characters, as it would arrive.
 */
const production = {
  exec: async (_id: string, request: { command: string; cwd?: string | null }) => productionExec(request.command, request.cwd ?? "/"),
} as unknown as OrchestratorClient;

const root = mkdtempSync(path.join(tmpdir(), "files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = async (command: string) => {
  expect(codePointLength(command)).toBeLessThanOrEqual(maxCommandLength);
  return runShellCommand(production, "sbx-000000000000", { command, timeout: 30, cwd: root });
};

/** Names that break a careless shell: each must arrive as it is and run nothing. */
const oddNames = [
  "with space",
  "it's",
  'say "hi"',
  "new\nline",
  "$(touch pwned-dollar)",
  "`touch pwned-backtick`",
  "-rf",
  "--help",
  "*",
  "?.txt",
  "[ab]",
  "ünïcødé 🎉 名前",
  "back\\slash",
  "tab\there",
  "semi;colon&amp|pipe>out",
  " leading and trailing ",
];

const pwned = () => readdirSync(root, { recursive: true }).filter((name) => path.basename(String(name)).startsWith("pwned"));

describe("shellQuote", () => {
  it("gives bash every odd text back as it is", () => {
    for (const value of [...oddNames, "", "'", "''\\''", "a\n\nb\n"]) {
      const out = spawnSync("bash", ["-c", `printf %s ${shellQuote(value)}`], { cwd: root });
      expect(out.stdout.toString("utf8")).toBe(value);
    }
    expect(pwned()).toEqual([]);
  });
});

describe("normalizeFilePath", () => {
  it("makes paths plain and refuses relative ones", () => {
    expect(normalizeFilePath("/a//b/./c/../d/")).toEqual({ path: "/a/b/d" });
    expect(normalizeFilePath("/../..")).toEqual({ path: "/" });
    expect(normalizeFilePath("-rf")).toHaveProperty("problem");
    expect(normalizeFilePath("/a\0b")).toHaveProperty("problem");
    expect(normalizeFilePath(`/${"x".repeat(fileLimits.pathBytes)}`)).toHaveProperty("problem");
  });
});

describe("the commands, with odd names", () => {
  const folder = path.join(root, "odd");
  mkdirSync(folder);
  const contents = new Map(oddNames.map((name) => [name, randomBytes(1000 + name.length)]));

  it("list: every name, kind, size and link, hidden flagged, nothing run", async () => {
    for (const [name, bytes] of contents) writeFileSync(path.join(folder, name), bytes);
    mkdirSync(path.join(folder, "sub dir"));
    writeFileSync(path.join(folder, ".hidden"), "h");
    symlinkSync("/some/where else\nnext", path.join(folder, "dangling link"));
    symlinkSync("sub dir", path.join(folder, "to sub"));
    const result = await run(listCommand(folder));
    expect(result.exit_code).toBe(0);
    const listing = parseListing(result.stdout)!;
    expect(listing.path).toBe(folder);
    expect(listing.total).toBe(oddNames.length + 4);
    const byName = new Map(listing.entries.map((entry) => [entry.name, entry]));
    for (const [name, bytes] of contents) expect(byName.get(name)).toMatchObject({ kind: "file", size: bytes.length, hidden: false });
    expect(byName.get("sub dir")).toMatchObject({ kind: "folder" });
    expect(byName.get(".hidden")).toMatchObject({ kind: "file", hidden: true });
    expect(byName.get("dangling link")).toMatchObject({ kind: "link", link_target: "/some/where else\nnext", target_kind: "missing" });
    expect(byName.get("to sub")).toMatchObject({ kind: "link", link_target: "sub dir", target_kind: "folder" });
    expect(Math.abs(byName.get("it's")!.mtime - Date.now())).toBeLessThan(60_000);
    expect(pwned()).toEqual([]);
  });

  it("list: an empty folder", async () => {
    const empty = path.join(root, "empty folder");
    mkdirSync(empty);
    expect(parseListing((await run(listCommand(empty))).stdout)).toEqual({ path: empty, entries: [], total: 0 });
  });

  it("list: the home folder when no path is given", async () => {
    const listing = parseListing((await run(listCommand(null))).stdout)!;
    expect(listing.path).toBe(process.env.HOME);
  });

  it("read: each file's bytes exactly, in chunks", async () => {
    for (const [name, bytes] of contents) {
      const file = path.join(folder, name);
      const [size, , data] = (await run(readStartCommand(file, fileLimits.previewBytes))).stdout.split(" ");
      expect(Number(size)).toBe(bytes.length);
      expect(readFileStart(Buffer.from(data!, "base64"))).toEqual({ bytes, whole: true });
      const tail = await run(readChunkCommand(file, 500, 100));
      expect(Buffer.from(tail.stdout, "base64")).toEqual(bytes.subarray(500, 600));
    }
    expect(pwned()).toEqual([]);
  });

  it("read: a chunk is 384 KiB, 512 KiB of base64, and the chunks make the file", async () => {
    const bytes = randomBytes(readChunkBytes * 2 + 7);
    const file = path.join(root, "big file");
    writeFileSync(file, bytes);
    const parts: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += readChunkBytes) {
      const result = await run(readChunkCommand(file, offset));
      expect(result.stdout.length).toBeLessThanOrEqual(512 * 1024);
      parts.push(Buffer.from(result.stdout, "base64"));
    }
    expect(createHash("sha256").update(Buffer.concat(parts)).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    // The gzipped start of random bytes is cut: it gives the file's first bytes, and plain chunks follow.
    const [, , data] = (await run(readStartCommand(file, fileLimits.previewBytes))).stdout.split(" ");
    expect(data!.length).toBeLessThanOrEqual(Math.ceil((readChunkBytes + 1) / 3) * 4);
    const start = readFileStart(Buffer.from(data!, "base64"));
    expect(start.whole).toBe(false);
    expect(start.bytes.length).toBeGreaterThan(readChunkBytes * 0.9);
    expect(start.bytes).toEqual(bytes.subarray(0, start.bytes.length));
    // Over the limit asked: size and time only.
    expect((await run(readStartCommand(file, 1000))).stdout.trim().split(" ")).toHaveLength(2);
  });

  it("read: a 1 MiB text file comes whole from one command, gzipped under the 512 KiB of base64 a command may answer", async () => {
    const text = Buffer.from(
      Array.from({ length: 30_000 }, (_, i) => `${i}\tconst value_${i} = compute(${i * 7}, "ünï ${i % 97}");`).join("\n"),
    ).subarray(0, fileLimits.previewBytes);
    const file = path.join(root, "source.ts");
    writeFileSync(file, text);
    const answer = (await run(readStartCommand(file, fileLimits.previewBytes))).stdout;
    const data = answer.split(" ")[2]!;
    expect(data.length).toBeLessThanOrEqual(512 * 1024);
    expect(readFileStart(Buffer.from(data, "base64"))).toEqual({ bytes: text, whole: true });
  });

  it("read: a gzip stream that would inflate past the preview's limit is refused, not inflated", () => {
    // What a doctored gzip in the sandbox could answer: 64 MiB of zeros in about 64 KiB.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(readChunkBytes);
    expect(() => readFileStart(bomb)).toThrow(RangeError);
    expect(readFileStart(Buffer.alloc(0))).toEqual({ bytes: Buffer.alloc(0), whole: false });
  });

  it("upload: chunks under the command limit, moved into place whole; a taken name is refused unless replacing", async () => {
    const name = "up $(touch pwned-up) 'ü'\n.bin";
    const target = path.join(folder, name);
    const temp = path.join(folder, ".matrx-upload-test");
    const bytes = randomBytes(20_000);
    const upload = async (replace: boolean) => {
      const check = await run(uploadCheckCommand(folder, target, replace));
      if (check.exit_code !== 0) return check.exit_code;
      const room = maxCommandLength - codePointLength(uploadChunkCommand(temp, "", false));
      const chunk = Math.floor(room / 4) * 3;
      for (let offset = 0; offset < bytes.length; offset += chunk) {
        const result = await run(uploadChunkCommand(temp, bytes.subarray(offset, offset + chunk).toString("base64"), offset === 0));
        expect(result.exit_code).toBe(0);
        expect(existsSync(target) && !replace).toBe(false);
      }
      return (await run(uploadCommitCommand(temp, target, bytes.length, replace))).exit_code;
    };
    expect(await upload(false)).toBe(0);
    expect(readFileSync(target)).toEqual(bytes);
    expect(existsSync(temp)).toBe(false);
    expect(await upload(false)).toBe(fileExit.exists);
    expect(await upload(true)).toBe(0);
    // A temporary file that is not whole is removed, never moved into place.
    writeFileSync(temp, "half");
    expect((await run(uploadCommitCommand(temp, path.join(folder, "half"), 10, false))).exit_code).toBe(fileExit.incomplete);
    expect(existsSync(temp) || existsSync(path.join(folder, "half"))).toBe(false);
    // An empty file.
    expect((await run(uploadCommitCommand(temp, path.join(folder, "empty"), 0, false))).exit_code).toBe(0);
    expect(readFileSync(path.join(folder, "empty"))).toHaveLength(0);
    expect(pwned()).toEqual([]);
  });

  it("mkdir, rename and delete: the named entry only", async () => {
    for (const name of oddNames) {
      const made = path.join(folder, `dir ${name}`);
      expect((await run(mkdirCommand(folder, made))).exit_code).toBe(0);
      expect((await run(mkdirCommand(folder, made))).exit_code).toBe(fileExit.exists);
      const renamed = path.join(folder, `renamed ${name}`);
      expect((await run(renameCommand(made, renamed))).exit_code).toBe(0);
      expect(existsSync(renamed) && !existsSync(made)).toBe(true);
      writeFileSync(path.join(renamed, "inside"), "x");
      expect((await run(deleteCommand(renamed))).exit_code).toBe(0);
      expect(existsSync(renamed)).toBe(false);
    }
    // "*" and "-rf" were files beside them: still there, as is everything else.
    for (const name of oddNames) expect(readFileSync(path.join(folder, name))).toEqual(contents.get(name));
    expect((await run(renameCommand(path.join(folder, "*"), path.join(folder, "-rf")))).exit_code).toBe(fileExit.exists);
    expect(pwned()).toEqual([]);
  });

  it("download: a folder packs into a .tar.gz holding every odd name", async () => {
    const archive = path.join(root, "out.tar.gz");
    const result = await run(downloadStartCommand(folder, archive));
    expect(result.stdout).toMatch(/^d \d+$/);
    const out = path.join(root, "unpacked");
    mkdirSync(out);
    expect(spawnSync("tar", ["-xzf", archive, "-C", out]).status).toBe(0);
    for (const name of oddNames) expect(readFileSync(path.join(out, "odd", name))).toEqual(contents.get(name));
    expect((await run(downloadStartCommand(path.join(folder, "it's"), archive))).stdout).toBe(`f ${contents.get("it's")!.length}`);
  });
});

describe("errors end with their exit codes", () => {
  it("not found, not a folder, a folder, not a regular file, too large", async () => {
    const file = path.join(root, "plain");
    writeFileSync(file, "x");
    expect((await run(listCommand(path.join(root, "nope")))).exit_code).toBe(fileExit.notFound);
    expect((await run(listCommand(file))).exit_code).toBe(fileExit.notADirectory);
    expect((await run(readStartCommand(root, 10))).exit_code).toBe(fileExit.isADirectory);
    expect((await run(readStartCommand("/dev/null", 10))).exit_code).toBe(fileExit.notARegularFile);
    expect((await run(deleteCommand(path.join(root, "nope")))).exit_code).toBe(fileExit.notFound);
    const big = path.join(root, "sparse");
    writeFileSync(big, "");
    spawnSync("truncate", ["-s", String(fileLimits.downloadBytes + 1), big]);
    expect((await run(downloadStartCommand(big, path.join(root, "a.tgz")))).exit_code).toBe(fileExit.tooLarge);
  });

  it("permission denied, for a user who may not", async () => {
    const locked = path.join(root, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o700);
    const asNobody = (command: string) =>
      spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "bash", "-c", command], { cwd: "/" }).status;
    chmodSync(root, 0o755);
    expect(asNobody(listCommand(locked))).toBe(fileExit.permissionDenied);
    expect(asNobody(mkdirCommand(locked, path.join(locked, "x")))).toBe(fileExit.permissionDenied);
    expect(asNobody(mkdirCommand(root, path.join(root, "x")))).toBe(fileExit.permissionDenied);
  });
});

describe("a folder of more than 1,000 entries", () => {
  it("lists the first 1,000 by name and counts them all", async () => {
    const many = path.join(root, "many");
    mkdirSync(many);
    for (let i = 0; i < 1005; i++) writeFileSync(path.join(many, `f${String(i).padStart(4, "0")}`), "");
    const listing = parseListing((await run(listCommand(many))).stdout)!;
    expect(listing.total).toBe(1005);
    expect(listing.entries).toHaveLength(fileLimits.listEntries);
    expect(listing.entries[0]!.name).toBe("f0000");
  });
});
