import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ssh2 from "ssh2";
import { demoUsers } from "../helpers/local-supabase.ts";
import { expectedPaths, startTestOrchestrator, type TestOrchestrator } from "../helpers/orchestrator.ts";

const { Client } = ssh2;
const alice = demoUsers.alice.id;

interface Grant {
  private_key: string;
  username: string;
  host: string;
  port: number;
  ssh_command: string;
}

function connect(grant: Grant, privateKey = grant.private_key): Promise<InstanceType<typeof Client>> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once("ready", () => resolve(client));
    client.once("error", reject);
    client.connect({ host: grant.host, port: grant.port, username: grant.username, privateKey, readyTimeout: 20_000 });
  });
}

/** Runs `script` in an interactive shell with a terminal; resolves with the lines the terminal showed once the shell exits. */
function shell(client: InstanceType<typeof Client>, script: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    client.shell({ term: "xterm-256color", cols: 120, rows: 30 }, (error, stream) => {
      if (error) return reject(error);
      let seen = "";
      stream.on("data", (chunk: Buffer) => (seen += chunk.toString("utf8")));
      // Without the terminal's escapes (bracketed paste on and off around each prompt).
      stream.on("close", () =>
        resolve(
          seen
            .replace(/\x1b\[[?0-9;]*[a-zA-Z]/g, "")
            .split("\r\n")
            .map((line) => line.replace(/\r/g, "")),
        ),
      );
      stream.write(`${script}\nexit\n`);
    });
  });
}

// Jailed (bwrap, where it works) and not: the shell is in the sandbox's files and processes either way.
describe.each(["auto", "none"] as const)("SSH access (isolation setting %s)", (isolation) => {
  let orch: TestOrchestrator;
  let id: string;
  let other: string;

  beforeAll(async () => {
    orch = await startTestOrchestrator({ isolation });
    [id, other] = await Promise.all([orch.createSandbox(alice), orch.createSandbox(alice)]);
  });
  afterAll(async () => {
    await orch?.stop();
  });

  it("a key works: a login shell with a terminal, in the sandbox's files and processes, as agent", async () => {
    const grant = (await orch.api<Grant>("POST", `/sandboxes/${id}/access`)).body;
    expect(grant).toMatchObject({
      username: "agent",
      host: "127.0.0.1",
      private_key: expect.stringMatching(/^-----BEGIN OPENSSH PRIVATE KEY-----/),
    });
    expect(grant.ssh_command).toBe(`ssh -i /tmp/${id}.pem -o StrictHostKeyChecking=no -p ${grant.port} agent@127.0.0.1`);
    expect((await orch.api("GET", `/sandboxes/${id}`)).body.ssh_port).toBe(grant.port);
    const viaExec = await orch.exec(id, "echo from-exec > made-by-exec; sleep 123 >/dev/null 2>&1 & id -u");

    const client = await connect(grant);
    try {
      const seen = await shell(
        client,
        'echo "uid=$(id -u)"; pwd; cat made-by-exec; [ -t 0 ] && echo "size=$(stty size)"; pgrep -x sleep >/dev/null && echo sees-exec-jobs',
      );
      expect(seen).toContain(`uid=${viaExec.stdout.trim()}`);
      expect(seen).toContain(`${expectedPaths(orch, id).hot}`);
      expect(seen).toContain("from-exec");
      expect(seen).toContain("size=30 120");
      expect(seen).toContain("sees-exec-jobs");
    } finally {
      client.end();
    }
  });

  it("another sandbox's key is refused, and so is port forwarding", async () => {
    const mineAnswer = await orch.api<Grant>("POST", `/sandboxes/${id}/access`);
    const theirsAnswer = await orch.api<Grant>("POST", `/sandboxes/${other}/access`);
    // Both grants must be real: a missing key would make the refusal below test nothing.
    expect([mineAnswer.status, theirsAnswer.status, JSON.stringify(theirsAnswer.body)]).toEqual([
      200,
      200,
      expect.stringContaining("PRIVATE KEY"),
    ]);
    const [mine, theirs] = [mineAnswer.body, theirsAnswer.body];
    expect(theirs.port).not.toBe(mine.port);
    await expect(connect(mine, theirs.private_key)).rejects.toThrow(/authentication/i);

    const client = await connect(mine);
    try {
      await expect(
        new Promise((resolve, reject) => client.forwardOut("127.0.0.1", 0, "127.0.0.1", 22, (e, s) => (e ? reject(e) : resolve(s)))),
      ).rejects.toThrow();
      await expect(
        new Promise((resolve, reject) => client.forwardIn("127.0.0.1", 0, (e, p) => (e ? reject(e) : resolve(p)))),
      ).rejects.toThrow();
    } finally {
      client.end();
    }
  });

  it("stopping the sandbox closes its sessions and drops its keys", async () => {
    const grant = (await orch.api<Grant>("POST", `/sandboxes/${other}/access`)).body;
    const client = await connect(grant);
    const closed = new Promise<void>((resolve) => client.once("end", () => resolve()));
    expect((await orch.api("DELETE", `/sandboxes/${other}`)).status).toBe(204);
    await closed;
    await expect(connect(grant)).rejects.toThrow();
    expect((await orch.api("POST", `/sandboxes/${other}/access`)).status).toBe(500);
  });
});
