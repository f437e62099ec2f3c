import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../../local-stack/paths.ts";
import { demoUsers } from "../helpers/local-supabase.ts";
import { startTestOrchestrator, waitFor, type TestOrchestrator } from "../helpers/orchestrator.ts";

const alice = demoUsers.alice.id;
const bob = demoUsers.bob.id;
const envSecret = `secret-${randomBytes(8).toString("hex")}`;

let orch: TestOrchestrator;
let mine: string;
let theirs: string;
let listener: Server;
let listenerPort: number;
let connections = 0;

beforeAll(async () => {
  process.env.ORCHESTRATOR_ISOLATION_TEST_SECRET = envSecret;
  orch = await startTestOrchestrator({ isolation: "auto" });
  mine = await orch.createSandbox(alice);
  theirs = await orch.createSandbox(bob);
  listener = createServer((socket) => {
    connections++;
    socket.end("hello\n");
  });
  await new Promise<void>((resolve) => listener.listen(0, "0.0.0.0", resolve));
  listenerPort = (listener.address() as { port: number }).port;
});
afterAll(async () => {
  delete process.env.ORCHESTRATOR_ISOLATION_TEST_SECRET;
  listener?.close();
  await orch?.stop();
});

describe("sandbox isolation with bubblewrap", () => {
  it("runs jailed where bubblewrap can create namespaces (this machine: see the skip notes otherwise)", async ({ skip }) => {
    // CI installs bubblewrap and sets this, so a regression fails there instead of skipping.
    if (orch.isolation !== "bwrap" && process.env.REQUIRE_SANDBOX_ISOLATION) {
      throw new Error(`REQUIRE_SANDBOX_ISOLATION is set but sandboxes are not jailed: ${orch.logs[0]}`);
    }
    if (orch.isolation !== "bwrap") skip(`bubblewrap is not usable here: ${orch.logs[0]}`);
    const health = await orch.api("GET", "/health");
    expect(health.body).toMatchObject({ isolation: "bwrap", isolated: true });
    expect(orch.logs[0]).toMatch(/isolation: bwrap/);
  });

  it("cannot see another sandbox's files, the data dir or the repository", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const secret = `theirs-${randomBytes(6).toString("hex")}`;
    await orch.exec(theirs, `echo ${secret} > ~/private.txt && cp ~/private.txt /tmp/ && cp ~/private.txt /data/cold/`);
    const theirHome = path.join(orch.dataDir, theirs, "home");
    const probe = await orch.exec(
      mine,
      [
        `ls -A /home`,
        `test -e ${theirHome}/private.txt && echo SEEN-BY-PATH`,
        `test -e ${orch.dataDir} && echo SEEN-DATA-DIR`,
        `test -e ${path.join(repoRoot, "package.json")} && echo SEEN-REPO`,
        `ls / | tr '\\n' ' '`,
        `grep -rl ${secret} /home /tmp /data /run /root /etc 2>/dev/null && echo SEEN-CONTENT`,
        `true`,
      ].join("; "),
    );
    expect(probe.stdout.split("\n")[0]).toBe("agent");
    expect(probe.stdout).not.toMatch(/SEEN-/);
    expect(probe.stdout).not.toContain(secret);
    expect(probe.stdout).not.toMatch(/\bwork\b|\bvar\b|\bsrv\b|\bopt\b/);
    expect((await orch.exec(theirs, "cat ~/private.txt")).stdout).toBe(secret);
  });

  it("cannot read the orchestrator's environment or see its processes", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const answer = await orch.exec(
      mine,
      `env; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; cat /proc/${process.pid}/environ 2>/dev/null; ls /proc | grep -c '^[0-9]'`,
    );
    expect(answer.stdout).not.toContain(envSecret);
    expect(answer.stdout).not.toMatch(/SUPABASE|MATRX|API_KEY/);
    const visibleProcesses = Number(answer.stdout.trim().split("\n").at(-1));
    expect(visibleProcesses).toBeLessThan(10);
  });

  it("has no network: loopback and the host's addresses are unreachable", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    const targets = ["127.0.0.1", ...(external ? [external] : [])];
    for (const host of targets) {
      const tcp = await orch.exec(mine, `exec 3<>/dev/tcp/${host}/${listenerPort} && echo CONNECTED`, { timeout: 10 });
      expect(tcp.stdout).not.toContain("CONNECTED");
      expect(tcp.exit_code).not.toBe(0);
      const curl = await orch.exec(mine, `command -v curl >/dev/null || exit 99; curl -sS --max-time 3 http://${host}:${listenerPort}/`, {
        timeout: 10,
      });
      expect(curl.exit_code).not.toBe(0);
      expect(curl.stdout).not.toContain("hello");
    }
    expect(connections).toBe(0);
  });

  it("runs as an unprivileged user with the system read-only", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const answer = await orch.exec(
      mine,
      "id -un; id -u; hostname; touch /usr/x 2>&1 || echo USR-RO; touch /etc/x 2>&1 || echo ETC-RO; test -e /etc/shadow || echo NO-SHADOW",
    );
    const lines = answer.stdout.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual(["agent", "1000", mine]);
    expect(answer.stdout).toContain("USR-RO");
    expect(answer.stdout).toContain("ETC-RO");
    expect(answer.stdout).toContain("NO-SHADOW");
    // The file written inside belongs, on the host, to the unprivileged sandbox uid when the orchestrator is root.
    await orch.exec(mine, "echo x > ~/owned.txt");
    const owner = statSync(path.join(orch.dataDir, mine, "home", "owned.txt")).uid;
    if (process.getuid?.() === 0) expect(owner).toBe(100000);
  });

  it("cannot create nested user namespaces", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const answer = await orch.exec(mine, "unshare -Ur id -u; echo exit=$?");
    expect(answer.stdout).toMatch(/exit=[1-9]/);
    expect(answer.stdout).not.toMatch(/^0$/m);
  });

  it("sees no host path in the jail's /proc/1/cmdline", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const answer = await orch.exec(mine, "tr '\\0' ' ' < /proc/1/cmdline");
    expect(answer.exit_code).toBe(0);
    expect(answer.stdout).not.toContain(orch.dataDir);
    expect(answer.stdout).not.toContain(tmpdir());
    expect(answer.stdout).not.toMatch(/--bind|\.jail-etc/);
  });

  it("refuses user root: the sandbox's one long-lived jail maps only agent", async ({ skip }) => {
    if (orch.isolation !== "bwrap") skip("bubblewrap is not usable here");
    const answer = await orch.api("POST", `/sandboxes/${mine}/exec`, { command: "id -u", user: "root" });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toBe("User 'root' is not available in local sandboxes (isolation: bwrap)");
  });
});

describe("a data dir the unprivileged sandbox uid cannot reach", () => {
  const lockedDataDir = () => {
    const locked = mkdtempSync(path.join(tmpdir(), "orchestrator-locked-"));
    chmodSync(locked, 0o700);
    const dataDir = path.join(locked, "sandboxes");
    mkdirSync(dataDir);
    return { locked, dataDir };
  };

  it("still jails commands, as root in a user namespace, says so plainly, and leaves the host's permissions alone", async ({ skip }) => {
    if (orch.isolation !== "bwrap" || process.getuid?.() !== 0) skip("needs bubblewrap and a root orchestrator");
    const { locked, dataDir } = lockedDataDir();
    try {
      const jailed = await startTestOrchestrator({ dataDir, isolation: "auto" });
      try {
        expect(jailed.isolation).toBe("bwrap");
        expect(jailed.logs[0]).toMatch(/isolation: bwrap as host root \(.*uid 100000 failed: /);
        const health = await jailed.api("GET", "/health");
        expect(health.body).toMatchObject({ isolation: "bwrap", isolated: true, warning: expect.stringMatching(/host root/) });
        const id = await jailed.createSandbox(alice);
        expect((await jailed.exec(id, "id -u; ls /home")).stdout).toBe("1000\nagent");
      } finally {
        await jailed.stop();
      }
      expect(statSync(locked).mode & 0o7777).toBe(0o700);
    } finally {
      rmSync(locked, { recursive: true, force: true });
    }
  });
});

describe("a data dir the sandbox uid cannot reach, without bubblewrap", () => {
  it("puts the sandboxes where that uid can reach them and says so: a sandbox starts and runs commands", async ({ skip }) => {
    if (process.getuid?.() !== 0) skip("commands run as another uid only when the orchestrator runs as root");
    // A clone in a folder `mktemp -d` made (0700), run as root: every sandbox failed its readiness check after 30 s.
    const locked = mkdtempSync(path.join(tmpdir(), "orchestrator-locked-"));
    chmodSync(locked, 0o700);
    const dataDir = path.join(locked, "sandboxes");
    try {
      const plain = await startTestOrchestrator({ dataDir, isolation: "none" });
      try {
        expect(plain.logs.join("\n")).toMatch(new RegExp(`cannot enter ${locked}: the sandboxes live in \\S+ instead of ${dataDir}`));
        const id = await plain.createSandbox(alice);
        expect(await plain.exec(id, "echo ok")).toMatchObject({ exit_code: 0, stdout: "ok" });
      } finally {
        await plain.stop();
      }
      expect(statSync(locked).mode & 0o7777).toBe(0o700);
    } finally {
      rmSync(locked, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("without isolation", () => {
  it("says so plainly in /health and in the start-up log", async () => {
    const plain = await startTestOrchestrator({ isolation: "none" });
    try {
      const health = await plain.api("GET", "/health");
      expect(health.body).toMatchObject({ isolation: "none", isolated: false, warning: expect.stringMatching(/NOT isolated/) });
      expect(plain.logs[0]).toMatch(/NOT isolated/);
      const root = await plain.api("POST", `/sandboxes/${await plain.createSandbox(alice)}/exec`, { command: "id", user: "root" });
      expect(root.status).toBe(400);
    } finally {
      await plain.stop();
    }
  });

  it("refuses to start with isolation bwrap where bubblewrap cannot run, instead of running unjailed", async ({ skip }) => {
    if (orch.isolation === "bwrap") skip("bubblewrap works on this machine");
    await expect(startTestOrchestrator({ isolation: "bwrap" })).rejects.toThrow(/bubblewrap cannot run here/);
  });
});

// Small limits, a uid of their own (so other tests' sandboxes do not count against the process
// limit) and short timeouts: these tests cannot hurt the machine.
describe.each([
  ["auto", true],
  ["none", true],
  ["auto", false],
  ["none", false],
] as const)("sandbox limits (isolation setting %s, cgroups %s)", (isolation, cgroups) => {
  const mib = 1024 * 1024;
  const limits = { processes: 40, memoryBytes: 64 * mib, fileSizeBytes: 8 * mib, openFiles: 64, cpuSeconds: 5, diskBytes: 12 * mib };
  let limited: TestOrchestrator;
  let id: string;

  beforeAll(async () => {
    limited = await startTestOrchestrator({ isolation, limits, cgroups, sandboxUid: 150_000 + (randomBytes(2).readUInt16BE(0) % 40_000) });
    id = await limited.createSandbox(alice);
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("states them in /health and in the start-up line, and commands run under them", async () => {
    const health = await limited.api("GET", "/health");
    expect(health.body.limits).toMatchObject({
      processes: 40,
      memory_bytes: 64 * mib,
      file_size_bytes: 8 * mib,
      open_files: 64,
      cpu_seconds: 5,
      disk_bytes: 12 * mib,
      processes_scope: expect.any(String),
      disk_scope: expect.stringMatching(isolation === "none" ? /not the host's \/tmp/ : /\/tmp/),
    });
    expect(limited.logs[0]).toMatch(
      /limits \((cgroup v[12] \+ )?rlimit\): 40 processes .*64 MiB memory .*8 MiB files, 64 open files, 5 s CPU per process, 12 MiB disk per sandbox/,
    );
    const answer = await limited.exec(id, "ulimit -v; ulimit -f; ulimit -n; ulimit -t");
    expect(answer.stdout).toBe(`${64 * 1024}\n${8 * 1024}\n64\n5`);
  });

  it("stops a file at the file-size limit", async () => {
    const answer = await limited.exec(id, "head -c 20000000 /dev/zero > ~/big; echo exit=$?", { timeout: 20 });
    expect(answer.stdout).toMatch(/exit=153/);
    expect(answer.stderr).toMatch(/File size limit exceeded/);
    expect(statSync(path.join(limited.dataDir, id, "home", "big")).size).toBeLessThanOrEqual(8 * mib);
  });

  // The quota does not depend on cgroups: run where the orchestrator has them, once per isolation.
  it.skipIf(!cgroups)("keeps the sandbox within its disk quota, one big file or many small ones, and it stays usable", async () => {
    const used = () => Number(execFileSync("du", ["-s", "-B1", path.join(limited.dataDir, id)], { encoding: "utf8" }).split("\t")[0]);
    await limited.exec(id, "rm -f ~/big");
    expect((await limited.exec(id, "head -c 6000000 /dev/zero > ~/d1; echo exit=$?")).stdout).toBe("exit=0");
    // 6 MB left: a 7 MB file fails as a full disk would fail it, at the write.
    const big = await limited.exec(id, "head -c 7000000 /dev/zero > ~/d2; echo exit=$?", { timeout: 20 });
    expect(big.stdout).toBe("exit=153");
    expect(big.stderr).toMatch(/File size limit exceeded/);
    // Many files, each small enough: the command is stopped once the folder is past the quota.
    const many = await limited.exec(id, "for i in $(seq 2000); do head -c 65536 /dev/zero > ~/m$i; done; echo wrote all", { timeout: 20 });
    expect(many.stdout).not.toContain("wrote all");
    expect(many.stderr).toMatch(/disk quota \(12 MiB\) is full/);
    expect(used()).toBeLessThan(64 * mib);
    // What is left is measured as a command starts: the space a command frees is there for the next one.
    expect((await limited.exec(id, "rm -f ~/d* ~/m*; echo removed")).stdout).toBe("removed");
    expect((await limited.exec(id, "head -c 6000000 /dev/zero > ~/d3; echo exit=$?")).stdout).toBe("exit=0");
  });

  it("refuses memory beyond the limit", async () => {
    const answer = await limited.exec(id, `x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo "got \${#x}"`, { timeout: 20 });
    expect(answer.stdout).not.toMatch(/got 100000000/);
    expect(answer.stderr).toMatch(/cannot allocate/);
  });

  it("stops a fork loop at the process limit, and the sandbox works afterwards", async () => {
    // sh (not bash, which retries a failed fork for seconds) starting 200 sleepers, counted by
    // their own argument: unjailed, the command sees every process on the machine.
    const nap = `29.${randomBytes(3).readUIntBE(0, 3)}`;
    const answer = await limited.exec(
      id,
      `sh -c 'i=0; while [ $i -lt 200 ]; do sleep ${nap} & i=$((i+1)); done; echo started all' 2>&1; echo running=$(pgrep -c -x -f "sleep ${nap}")`,
      // The sleepers hold the exec's output (as under docker exec) until its timeout kills them.
      { timeout: 8 },
    );
    expect(answer.stdout).toMatch(/Cannot fork|Resource temporarily unavailable/);
    expect(answer.stdout).not.toContain("started all");
    const running = Number(/running=(\d+)/.exec(answer.stdout)?.[1]);
    expect(running).toBeGreaterThan(0);
    expect(running).toBeLessThan(40);
    await waitFor(async () => (await limited.exec(id, "echo ok")).stdout === "ok", "the sandbox to run commands again");
  });

  it("with cgroups, holds each sandbox to its own limits: one at its process limit leaves another unharmed", async ({ skip }) => {
    const health = await limited.api("GET", "/health");
    if (!String(health.body.limits.enforced_by).startsWith("cgroup")) skip(`no cgroups here: ${health.body.limits.processes_scope}`);
    // Fresh sandboxes: killed processes of earlier tests may linger as zombies until the host's init reaps them.
    const [first, other] = [await limited.createSandbox(alice), await limited.createSandbox(alice)];
    const bomb = limited.exec(first!, `sh -c 'i=0; while [ $i -lt 200 ]; do sleep 19 & i=$((i+1)); done' 2>&1; touch ~/at-limit; sleep 3`, {
      timeout: 20,
    });
    await waitFor(() => existsSync(path.join(limited.dataDir, first!, "home", "at-limit")), "the first sandbox to reach its process limit");
    const answer = await limited.exec(other!, "i=0; while [ $i -lt 30 ]; do sleep 2 & i=$((i+1)); done; wait; echo started=$i", {
      timeout: 20,
    });
    expect(answer.stdout).toBe("started=30");
    expect(answer.stderr).toBe("");
    expect((await bomb).stdout).toMatch(/Cannot fork|Resource temporarily unavailable/);
    if (isolation === "none") expect((await limited.exec(other!, "sleep 1 & cat /proc/$!/cgroup; wait")).stdout).toContain(other);
  });
});
