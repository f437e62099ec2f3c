import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fileLimits } from "@/lib/sandbox/request-limits";
import { apiStackSettings, newUser, resetFaults, serviceDb, setFaults, stack, type ApiCaller } from "./stack.ts";

/**
 * The Files routes against the local orchestrator, which runs commands as production does (its
 * wrapper, its stdout strip and decoding). Each part has its own user, so the tools budget of one
 * (150 commands a window) is not used up by another.
 */
// Every action is one or more commands in the sandbox (an upload of 256 KiB is about forty): slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

interface Sandbox {
  id: string;
  home: string;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

async function userWithSandbox(): Promise<{ user: ApiCaller; sandbox: Sandbox }> {
  const user = await newUser();
  const created = await user.request("POST", "/api/sandbox", {});
  expect(created.status).toBe(201);
  const listed = await user.request("GET", `/api/sandbox/${created.body.instance.id}/files`);
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  return { user, sandbox: { id: created.body.instance.id, home: listed.body.path } };
}

/** The exec route, for setting files up and checking them as the sandbox sees them. */
async function sh(user: ApiCaller, sandbox: Sandbox, command: string): Promise<string> {
  const answer = await user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command, cwd: sandbox.home });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body.exit_code, answer.body.stderr).toBe(0);
  return answer.body.stdout;
}

const files = (user: ApiCaller, sandbox: Sandbox) => ({
  list: (path?: string) => user.request("GET", `/api/sandbox/${sandbox.id}/files${path === undefined ? "" : `?${q({ path })}`}`),
  read: (path: string) => user.request("GET", `/api/sandbox/${sandbox.id}/files/read?${q({ path })}`),
  mkdir: (path: string, name: string) => user.request("POST", `/api/sandbox/${sandbox.id}/files/mkdir`, { path, name }),
  rename: (path: string, newName: string) => user.request("POST", `/api/sandbox/${sandbox.id}/files/rename`, { path, new_name: newName }),
  remove: (path: string) => user.request("POST", `/api/sandbox/${sandbox.id}/files/delete`, { path }),
  download: (path: string, signal?: AbortSignal) =>
    fetch(`${stack().appUrl}/api/sandbox/${sandbox.id}/files/download?${q({ path })}`, { headers: { cookie: user.cookie }, signal }),
  upload: async (
    folder: string,
    name: string,
    data: Uint8Array<ArrayBuffer>,
    options: { replace?: boolean; signal?: AbortSignal } = {},
  ) => {
    const response = await fetch(
      `${stack().appUrl}/api/sandbox/${sandbox.id}/files/upload?${q({ path: folder, name, replace: options.replace ? "1" : "0" })}`,
      {
        method: "POST",
        headers: { cookie: user.cookie, origin: stack().appUrl, "content-type": "application/octet-stream" },
        body: data,
        signal: options.signal,
      },
    );
    return { status: response.status, body: await response.json() };
  },
});

const oddNames = [
  "with space",
  "it's",
  'say "hi"',
  "new\nline",
  "$(touch pwned-dollar)",
  "`touch pwned-backtick`",
  "-rf",
  "*",
  "?.txt",
  "ünïcødé 🎉 名前",
  "back\\slash",
  "semi;colon&pipe|>out",
];

describe("odd names: each action does what it says to the named entry, and runs nothing", () => {
  let user: ApiCaller;
  let sandbox: Sandbox;
  beforeAll(async () => ({ user, sandbox } = await userWithSandbox()));

  it("upload, list, read, download, rename and delete", async () => {
    const api = files(user, sandbox);
    const folder = `${sandbox.home}/odd $(x) 'q'`;
    expect((await api.mkdir(sandbox.home, "odd $(x) 'q'")).status).toBe(201);
    const contents = new Map(oddNames.map((name) => [name, Buffer.from(`text of ${name}\n`)]));
    for (const [name, bytes] of contents) expect((await api.upload(folder, name, bytes)).status).toBe(201);

    const listed = await api.list(folder);
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(oddNames.length);
    expect(listed.body.entries.map((entry: { name: string }) => entry.name).sort()).toEqual([...oddNames].sort());

    for (const [name, bytes] of contents) {
      const read = await api.read(`${folder}/${name}`);
      expect(read.body).toMatchObject({ content: bytes.toString(), binary: false, too_large: false, size: bytes.length });
      const download = await api.download(`${folder}/${name}`);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
      expect(decodeURIComponent(download.headers.get("content-disposition")!.split("''")[1]!)).toBe(name);
    }
    for (const name of oddNames) expect((await api.rename(`${folder}/${name}`, `${name}.renamed`)).status).toBe(200);
    for (const name of oddNames) expect((await api.remove(`${folder}/${name}.renamed`)).status).toBe(200);
    expect((await api.list(folder)).body.entries).toEqual([]);
    expect(await sh(user, sandbox, "find / -name 'pwned*' 2>/dev/null | head -1")).toBe("");
    // About a hundred commands, one after another, on a machine the other suites share.
  }, 240_000);
});

describe("the actions and their errors", () => {
  let user: ApiCaller;
  let sandbox: Sandbox;
  beforeAll(async () => ({ user, sandbox } = await userWithSandbox()));

  it("lists a folder with its kinds and links, hidden entries flagged; the path is made plain", async () => {
    await sh(
      user,
      sandbox,
      "mkdir -p kinds/sub && cd kinds && printf 12345 > five && touch .hidden && ln -s sub to-sub && ln -s nowhere dangling",
    );
    const listed = await files(user, sandbox).list(`${sandbox.home}//kinds/./sub/..`);
    expect(listed.status).toBe(200);
    expect(listed.body.path).toBe(`${sandbox.home}/kinds`);
    const byName = Object.fromEntries(listed.body.entries.map((entry: { name: string }) => [entry.name, entry]));
    expect(byName).toMatchObject({
      five: { kind: "file", size: 5, hidden: false },
      ".hidden": { kind: "file", hidden: true },
      sub: { kind: "folder" },
      "to-sub": { kind: "link", link_target: "sub", target_kind: "folder" },
      dangling: { kind: "link", target_kind: "missing" },
    });
  });

  it("answers not found, not a folder, a folder, name taken and bad input in the error shape", async () => {
    const api = files(user, sandbox);
    await sh(user, sandbox, "mkdir -p errs/taken && touch errs/file");
    const cases: Array<[Promise<{ status: number; body: any }>, number, string, string?]> = [
      [api.list(`${sandbox.home}/nope`), 404, "not_found", "not_found"],
      [api.read(`${sandbox.home}/nope`), 404, "not_found", "not_found"],
      [api.list(`${sandbox.home}/errs/file`), 409, "conflict", "not_a_directory"],
      [api.read(`${sandbox.home}/errs`), 409, "conflict", "is_a_directory"],
      [api.read("/dev/null"), 409, "conflict", "not_a_file"],
      [api.mkdir(`${sandbox.home}/errs`, "taken"), 409, "conflict", "exists"],
      [api.rename(`${sandbox.home}/errs/file`, "taken"), 409, "conflict", "exists"],
      [api.remove(`${sandbox.home}/errs/nope`), 404, "not_found", "not_found"],
      [api.list("relative/path"), 400, "validation"],
      [api.mkdir(sandbox.home, "a/b"), 400, "validation"],
      [api.rename(`${sandbox.home}/errs/file`, ".."), 400, "validation"],
      [api.remove("/"), 400, "validation"],
      [files(user, sandbox).upload(`${sandbox.home}/errs`, "file", Buffer.from("x")), 409, "conflict", "exists"],
      [
        files(user, sandbox).upload(`${sandbox.home}/errs`, "taken", Buffer.from("x"), { replace: true }),
        409,
        "conflict",
        "is_a_directory",
      ],
    ];
    for (const [answer, status, code, reason] of cases) {
      const { status: got, body } = await answer;
      expect({ got, code: body.error.code, reason: body.error.details?.reason }).toEqual({ got: status, code, reason });
      expect(body.error.message).toEqual(expect.any(String));
    }
    expect(await sh(user, sandbox, "cat errs/file; ls errs")).toBe("file\ntaken\n");
  });

  it("makes, renames and deletes a folder with what it holds; replaces a file only when asked", async () => {
    const api = files(user, sandbox);
    expect((await api.mkdir(sandbox.home, "made")).status).toBe(201);
    await sh(user, sandbox, "echo inside > made/inner");
    expect((await api.rename(`${sandbox.home}/made`, "moved")).body).toEqual({ path: `${sandbox.home}/moved` });
    expect((await files(user, sandbox).upload(`${sandbox.home}/moved`, "inner", Buffer.from("new"), { replace: true })).status).toBe(201);
    expect(await sh(user, sandbox, "cat moved/inner")).toBe("new");
    expect((await api.remove(`${sandbox.home}/moved`)).status).toBe(200);
    expect(await sh(user, sandbox, "ls -a")).not.toMatch(/moved|made/);
  });
});

describe("sizes and bytes", () => {
  let user: ApiCaller;
  let sandbox: Sandbox;
  beforeAll(async () => ({ user, sandbox } = await userWithSandbox()));

  it("downloads random bytes whose SHA-256 equals the file's, with its size, name and no-store", async () => {
    const out = await sh(user, sandbox, "head -c 1234567 /dev/urandom > random.bin && sha256sum random.bin");
    const download = await files(user, sandbox).download(`${sandbox.home}/random.bin`);
    expect(download.status).toBe(200);
    expect(download.headers.get("x-file-size")).toBe("1234567");
    expect(download.headers.get("cache-control")).toBe("no-store");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="random.bin"; filename*=UTF-8''random.bin`);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(out.split(" ")[0]);
  });

  it("downloads a folder as .tar.gz; refuses a file or folder over 25 MiB with 413", async () => {
    await sh(user, sandbox, `mkdir -p pack/in && echo one > pack/in/one && truncate -s ${fileLimits.downloadBytes + 1} huge`);
    const download = await files(user, sandbox).download(`${sandbox.home}/pack`);
    expect(download.headers.get("content-disposition")).toContain(`filename="pack.tar.gz"`);
    const dir = mkdtempSync(path.join(tmpdir(), "files-tgz-"));
    try {
      writeFileSync(path.join(dir, "pack.tar.gz"), new Uint8Array(await download.arrayBuffer()));
      expect(spawnSync("tar", ["-xzf", "pack.tar.gz"], { cwd: dir }).status).toBe(0);
      expect(readFileSync(path.join(dir, "pack/in/one"), "utf8")).toBe("one\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const huge = await files(user, sandbox).download(`${sandbox.home}/huge`);
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toMatchObject({ code: "payload_too_large", details: { reason: "too_large" } });
  });

  it("a download the tools budget refuses after its start answers 429 in the error shape (not a closed connection) and leaves no archive", async () => {
    // A user of its own, their tools budget used up to its last command: the download's start takes it,
    // its first chunk is refused.
    const own = await userWithSandbox();
    await sh(own.user, own.sandbox, "mkdir -p pack && echo one > pack/one");
    const toolsLimit = 150; // SANDBOX_TOOL_EXEC_RATE_LIMIT's default; the API stack keeps it
    // userWithSandbox's listing took one; this leaves one more.
    for (let i = 0; i < toolsLimit - 2; i++) {
      const { error } = await serviceDb().rpc("take_exec_rate_limit", {
        p_user_id: own.user.id!,
        p_limit: toolsLimit,
        p_window_seconds: apiStackSettings.execRateWindowSeconds,
        p_budget: "tools",
      });
      expect(error).toBeNull();
    }
    const download = await files(own.user, own.sandbox).download(`${own.sandbox.home}/pack`);
    expect(download.status).toBe(429);
    expect((await download.json()).error).toMatchObject({ code: "rate_limited" });
    expect((await sh(own.user, own.sandbox, "ls -A /tmp | grep -c '^.matrx-download-' || true")).trim()).toBe("0");
  });

  it("previews text up to 1 MiB; past it, or binary, gives the size only", async () => {
    const mib = fileLimits.previewBytes;
    await sh(
      user,
      sandbox,
      `yes 'line of text é' | head -c ${mib} > exact.txt && cp exact.txt over.txt && printf x >> over.txt && printf 'ab\\0cd' > nul.bin`,
    );
    const exact = await files(user, sandbox).read(`${sandbox.home}/exact.txt`);
    expect(exact.body).toMatchObject({ size: mib, binary: false, too_large: false });
    expect(Buffer.byteLength(exact.body.content)).toBe(mib);
    expect(exact.body.content.startsWith("line of text é\nline of text é\n")).toBe(true);
    expect((await files(user, sandbox).read(`${sandbox.home}/over.txt`)).body).toMatchObject({
      size: mib + 1,
      too_large: true,
      content: null,
    });
    expect((await files(user, sandbox).read(`${sandbox.home}/nul.bin`)).body).toMatchObject({ size: 5, binary: true, content: null });
  });

  it("uploads 256 KiB exactly and refuses a byte more with 413, leaving nothing", async () => {
    const bytes = randomBytes(fileLimits.uploadBytes);
    const up = await files(user, sandbox).upload(sandbox.home, "up.bin", bytes);
    expect(up).toMatchObject({ status: 201, body: { path: `${sandbox.home}/up.bin`, size: bytes.length } });
    expect((await sh(user, sandbox, "sha256sum up.bin")).split(" ")[0]).toBe(sha256(bytes));
    const over = await files(user, sandbox).upload(sandbox.home, "over.bin", randomBytes(fileLimits.uploadBytes + 1));
    expect(over.status).toBe(413);
    expect(await sh(user, sandbox, "ls -a")).not.toMatch(/over\.bin|matrx-upload/);
  });

  it("an upload cut off part way leaves no file under its name and no temporary file", async () => {
    const controller = new AbortController();
    const cut = files(user, sandbox).upload(sandbox.home, "cut.bin", randomBytes(fileLimits.uploadBytes), { signal: controller.signal });
    // The body is sent at once; the chunks then take several commands: cut while they run.
    setTimeout(() => controller.abort(), 400);
    await expect(cut).rejects.toThrow();
    // The cleanup runs after the request ended: wait for it, bounded.
    let left = "";
    for (let i = 0; i < 50; i++) {
      left = await sh(user, sandbox, "ls -a; sleep 0.1");
      if (!/matrx-upload/.test(left)) break;
    }
    expect(left).not.toMatch(/cut\.bin|matrx-upload/);
  });
});

describe("the sandbox's state", () => {
  let user: ApiCaller;
  let sandbox: Sandbox;
  beforeAll(async () => ({ user, sandbox } = await userWithSandbox()));
  afterEach(resetFaults);

  it("works with production's exec: one command at a time and no timeout", async () => {
    await setFaults({ serial: true, exec_timeout: "ignore" });
    const api = files(user, sandbox);
    const [listed, uploaded, exec] = await Promise.all([
      api.list(),
      api.upload(sandbox.home, "serial.bin", randomBytes(50_000)),
      user.request("POST", `/api/sandbox/${sandbox.id}/exec`, { command: "echo typed" }),
    ]);
    expect([listed.status, uploaded.status, exec.status, exec.body.stdout]).toEqual([200, 201, 200, "typed\n"]);
    const sum = await sh(user, sandbox, "sha256sum serial.bin");
    const download = await api.download(`${sandbox.home}/serial.bin`);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sum.split(" ")[0]);
  });

  it("a stopped sandbox answers 409 to every route and runs nothing", async () => {
    expect((await user.request("PATCH", `/api/sandbox/${sandbox.id}`, { action: "stop" })).status).toBe(200);
    const api = files(user, sandbox);
    const answers = await Promise.all([
      api.list(),
      api.read(`${sandbox.home}/serial.bin`),
      api.mkdir(sandbox.home, "x"),
      api.rename(`${sandbox.home}/serial.bin`, "y"),
      api.remove(`${sandbox.home}/serial.bin`),
      api.upload(sandbox.home, "z", Buffer.from("z")),
      api.download(`${sandbox.home}/serial.bin`).then(async (response) => ({ status: response.status, body: await response.json() })),
    ]);
    for (const answer of answers)
      expect([answer.status, answer.body.error.code, answer.body.error.details]).toEqual([409, "conflict", { status: "stopped" }]);
  });
});
