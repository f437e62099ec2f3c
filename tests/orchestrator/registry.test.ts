import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SupabaseClient } from "@supabase/supabase-js";
import { repoRoot } from "../../local-stack/paths.ts";
import { backendName } from "../helpers/database.ts";
import { demoUsers, startTestSupabase, type TestSupabase } from "../helpers/local-supabase.ts";
import { processesWith, startTestOrchestrator, testApiKey, waitFor, type TestOrchestrator } from "../helpers/orchestrator.ts";

const alice = demoUsers.alice.id;

interface Row {
  sandbox_id: string;
  user_id: string;
  status: string;
  container_id: string | null;
  expires_at: string | null;
  stopped_at: string | null;
  stop_reason: string | null;
  last_heartbeat_at: string | null;
  ttl_seconds: number;
  config: Record<string, unknown> | null;
  hot_path: string;
  cold_path: string;
}

let supabase: TestSupabase;
let service: SupabaseClient;
let orch: TestOrchestrator;

beforeAll(async () => {
  supabase = await startTestSupabase();
  service = supabase.serviceClient();
  orch = await startTestOrchestrator({ supabase });
});
afterAll(async () => {
  await orch?.stop();
  await supabase?.stop();
});

async function rowsOf(sandboxId: string): Promise<Row[]> {
  const { data, error } = await service.from("sandbox_instances").select("*").eq("sandbox_id", sandboxId);
  if (error) throw error;
  return data as Row[];
}
const rowOf = async (sandboxId: string) => (await rowsOf(sandboxId))[0];

describe(`registry writes to sandbox_instances (${backendName})`, () => {
  it("goes creating → starting → ready, then shutting_down → stopped, as alice sees it through realtime", async () => {
    const watcher = await supabase.signedIn("alice");
    const events: { type: string; sandbox_id: string; status: string; stop_reason: string | null; stopped_at: string | null }[] = [];
    await new Promise<void>((resolve, reject) => {
      watcher
        .channel(`sandboxes-${randomBytes(4).toString("hex")}`)
        .on("postgres_changes", { event: "*", schema: "public", table: "sandbox_instances", filter: `user_id=eq.${alice}` }, (payload) =>
          events.push({ type: payload.eventType, ...(payload.new as Row) }),
        )
        .subscribe((status, error) => {
          if (status === "SUBSCRIBED") resolve();
          else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(error ?? new Error(status));
        });
    });
    try {
      const id = await orch.createSandbox(alice);
      expect((await orch.api("DELETE", `/sandboxes/${id}`)).status).toBe(204);
      const seen = () => events.filter((e) => e.sandbox_id === id);
      await waitFor(() => seen().some((e) => e.status === "stopped"), "the stopped event");
      expect(seen().map((e) => e.status)).toEqual(["creating", "starting", "ready", "shutting_down", "stopped"]);
      expect(seen()[0]!.type).toBe("INSERT");
      expect(seen().at(-1)).toMatchObject({ stop_reason: "user_requested", stopped_at: expect.any(String) });
    } finally {
      await watcher.removeAllChannels();
    }
  });

  it("writes container_id, ttl and expires_at when ready", async () => {
    const id = await orch.createSandbox(alice, { ttl_seconds: 900 });
    const row = await rowOf(id);
    expect(row).toMatchObject({
      status: "ready",
      container_id: `${orch.isolation === "bwrap" ? "jail" : "pgroup"}-${id}`,
      ttl_seconds: 900,
    });
    expect(row?.expires_at).not.toBeNull();
  });

  it("destroy writes stopped, stopped_at and stop_reason user_requested, graceful or not", async () => {
    for (const graceful of [true, false]) {
      const id = await orch.createSandbox(alice);
      expect((await orch.api("DELETE", `/sandboxes/${id}?graceful=${graceful}`)).status).toBe(204);
      expect(await rowOf(id)).toMatchObject({ status: "stopped", stop_reason: "user_requested", stopped_at: expect.any(String) });
    }
  });

  it("records heartbeats", async () => {
    const id = await orch.createSandbox(alice);
    expect((await rowOf(id))?.last_heartbeat_at).toBeNull();
    await orch.api("POST", `/sandboxes/${id}/heartbeat`);
    expect((await rowOf(id))?.last_heartbeat_at).not.toBeNull();
  });

  it("complete and error shut the sandbox down with graceful_shutdown and error", async () => {
    const done = await orch.createSandbox(alice);
    const broken = await orch.createSandbox(alice);
    await orch.api("POST", `/sandboxes/${done}/complete`, { result: {} });
    await orch.api("POST", `/sandboxes/${broken}/error`, { error: "boom" });
    await waitFor(async () => (await rowOf(done))?.status === "stopped", "complete to finish");
    await waitFor(async () => (await rowOf(broken))?.status === "stopped", "error to finish");
    expect(await rowOf(done)).toMatchObject({ stop_reason: "graceful_shutdown" });
    expect(await rowOf(broken)).toMatchObject({ stop_reason: "error" });
  });

  it("expires sandboxes past expires_at, killing what they run", async () => {
    const id = await orch.createSandbox(alice);
    const tag = `${Math.floor(100 + Math.random() * 800)}.${randomBytes(2).readUInt16BE(0)}`;
    const running = orch.api("POST", `/sandboxes/${id}/exec`, { command: `sleep ${tag}`, timeout: 600 });
    await waitFor(() => processesWith(`sleep ${tag}`).length === 1, "the command to start");
    await supabase.db.query("update public.sandbox_instances set expires_at = now() - interval '1 second' where sandbox_id = $1", [id]);
    await orch.sweep();
    expect(await rowOf(id)).toMatchObject({ status: "expired", stop_reason: "expired", stopped_at: expect.any(String) });
    expect((await running).body.exit_code).toBe(137);
    expect(processesWith(`sleep ${tag}`)).toEqual([]);
    expect((await orch.api("GET", `/sandboxes/${id}`)).body.status).toBe("expired");
    expect((await orch.api("POST", `/sandboxes/${id}/exec`, { command: "true" })).status).toBe(500);
  });

  it("expires a sandbox whose real TTL ran out", async () => {
    const id = await orch.createSandbox(alice, { ttl_seconds: 1 });
    await orch.sweep();
    await waitFor(async () => {
      await orch.sweep();
      return (await rowOf(id))?.status === "expired";
    }, "the TTL to run out");
    expect(await rowOf(id)).toMatchObject({ stop_reason: "expired" });
  });

  it("with expiry off (as in production) the sweep leaves a sandbox past its expiry running, and still drops deleted rows", async () => {
    const lax = await startTestOrchestrator({ supabase, expireSandboxes: false });
    try {
      const id = await lax.createSandbox(alice);
      const deleted = await lax.createSandbox(alice);
      await supabase.db.query("update public.sandbox_instances set expires_at = now() - interval '1 second' where sandbox_id = $1", [id]);
      await supabase.db.query("delete from public.sandbox_instances where sandbox_id = $1", [deleted]);
      await lax.sweep();
      expect(await rowOf(id)).toMatchObject({ status: "ready", stop_reason: null });
      expect((await lax.exec(id, "echo still here")).stdout).toBe("still here");
      expect((await lax.api("GET", `/sandboxes/${deleted}`)).status).toBe(404);
    } finally {
      await lax.stop();
    }
  });

  it("never duplicates a row: concurrent creates, and the dashboard recording the same sandbox", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => orch.createSandbox(alice)));
    expect(new Set(ids).size).toBe(10);
    for (const id of ids) expect(await rowsOf(id)).toHaveLength(1);
    const id = ids[0]!;
    const { error } = await service.rpc("record_created_sandbox", {
      p_reservation: randomUUID(),
      p_user_id: alice,
      p_sandbox_id: id,
      p_status: "ready",
      p_container_id: null,
      p_hot_path: "/home/agent",
      p_cold_path: "/data/cold",
      p_config: "{}",
      p_ttl_seconds: 3600,
      p_project_id: null,
    });
    expect(error).toBeNull();
    await orch.api("DELETE", `/sandboxes/${id}`);
    const rows = await rowsOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "stopped" });
  });

  // The production service keeps the whole row in memory and upserts every column on each status
  // change, so what the dashboard changed in between is overwritten with the orchestrator's copy.
  it("saves the whole row it holds on every status change, config as given at create included", async () => {
    const given = { ttl_seconds: 900, dashboard_reservation_id: randomUUID(), purpose: "registry test" };
    const stopped = await orch.createSandbox(alice, given);
    const finished = await orch.createSandbox(alice, given);
    const expiring = await orch.createSandbox(alice, given);
    // The paths the orchestrator reports: /home/agent and /data/cold when jailed, the host folders when not.
    const held = new Map<string, Record<string, unknown>>();
    for (const id of [stopped, finished, expiring]) {
      const { hot_path, cold_path } = (await orch.api("GET", `/sandboxes/${id}`)).body;
      // The table drops the dashboard's own keys from config when no create holds a slot under that
      // marker (migration …20261207050000), so what comes back is the rest of what was given.
      held.set(id, { config: { purpose: "registry test" }, ttl_seconds: 900, hot_path, cold_path });
    }
    const ours = (id: string) => held.get(id)!;
    for (const id of [stopped, finished, expiring]) {
      expect(await rowOf(id)).toMatchObject({ status: "ready", ...ours(id) });
      // As the dashboard does after the create: the user's config only, its own lifetime, its own paths.
      await supabase.db.query(
        "update public.sandbox_instances set config = '{\"purpose\": \"edited\"}', ttl_seconds = 60, hot_path = '/x', cold_path = '/y' where sandbox_id = $1",
        [id],
      );
    }
    expect((await orch.api("DELETE", `/sandboxes/${stopped}`)).status).toBe(204);
    expect(await rowOf(stopped)).toMatchObject({ status: "stopped", stop_reason: "user_requested", ...ours(stopped) });

    await orch.api("POST", `/sandboxes/${finished}/complete`, { result: {} });
    await waitFor(async () => (await rowOf(finished))?.status === "stopped", "complete to finish");
    expect(await rowOf(finished)).toMatchObject({ stop_reason: "graceful_shutdown", ...ours(finished) });

    await supabase.db.query("update public.sandbox_instances set expires_at = now() - interval '1 second' where sandbox_id = $1", [
      expiring,
    ]);
    await orch.sweep();
    expect(await rowOf(expiring)).toMatchObject({ status: "expired", stop_reason: "expired", ...ours(expiring) });
  });

  it("writes no row when the user does not exist", async () => {
    const before = await supabase.db.query<{ n: number }>("select count(*)::int as n from public.sandbox_instances");
    expect((await orch.api("POST", "/sandboxes", { user_id: randomUUID() })).status).toBe(500);
    const after = await supabase.db.query<{ n: number }>("select count(*)::int as n from public.sandbox_instances");
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("removes a sandbox and its files when its row is deleted from the registry", async () => {
    const id = await orch.createSandbox(alice);
    await orch.exec(id, "echo data > ~/file.txt");
    const root = path.join(orch.dataDir, id);
    expect(existsSync(root)).toBe(true);
    await supabase.db.query("delete from public.sandbox_instances where sandbox_id = $1", [id]);
    await orch.sweep();
    expect(existsSync(root)).toBe(false);
    expect((await orch.api("GET", `/sandboxes/${id}`)).status).toBe(404);
  });

  it("removes files of stopped sandboxes after the retention time, keeping the row", async () => {
    const short = await startTestOrchestrator({ supabase, retentionSeconds: 0 });
    try {
      const id = await short.createSandbox(alice);
      await short.api("DELETE", `/sandboxes/${id}`);
      expect(existsSync(path.join(short.dataDir, id))).toBe(true);
      await waitFor(async () => {
        await short.sweep();
        return !existsSync(path.join(short.dataDir, id));
      }, "retention to remove the files");
      expect((await rowOf(id))?.status).toBe("stopped");
    } finally {
      await short.stop();
    }
  });

  it("stops its active sandboxes with graceful_shutdown when it stops", async () => {
    const other = await startTestOrchestrator({ supabase });
    const id = await other.createSandbox(alice);
    await other.stop();
    expect(await rowOf(id)).toMatchObject({ status: "stopped", stop_reason: "graceful_shutdown" });
  });
});

describe("restart: only its own rows", () => {
  it("reconciles rows of sandboxes in its data dir and leaves every other active row untouched", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "orchestrator-owned-"));
    const foreign = `sbx-${randomBytes(6).toString("hex")}`;
    try {
      const first = await startTestOrchestrator({ supabase, dataDir });
      const mine = await first.createSandbox(alice);
      await first.stop();
      // As if the first run had crashed instead of stopping cleanly.
      await supabase.db.query(
        "update public.sandbox_instances set status = 'ready', stopped_at = null, stop_reason = null where sandbox_id = $1",
        [mine],
      );
      // A row of a sandbox some other orchestrator runs.
      await supabase.db.query(
        "insert into public.sandbox_instances (user_id, sandbox_id, status, container_id) values ($1, $2, 'ready', 'docker-7f3a')",
        [alice, foreign],
      );

      const restarted = await startTestOrchestrator({ supabase, dataDir });
      try {
        expect(await rowOf(mine)).toMatchObject({ status: "stopped", stop_reason: "error", stopped_at: expect.any(String) });
        expect(await rowOf(foreign)).toMatchObject({ status: "ready", stop_reason: null, stopped_at: null, container_id: "docker-7f3a" });
        expect(restarted.logs.some((l) => l.includes(foreign))).toBe(false);
        expect((await restarted.api("GET", `/sandboxes/${mine}`)).body.status).toBe("stopped");
        expect((await restarted.api("GET", `/sandboxes/${foreign}`)).status).toBe(404);
      } finally {
        await restarted.stop();
      }
      expect((await rowOf(foreign))?.status).toBe("ready");
    } finally {
      await supabase.db.query("delete from public.sandbox_instances where sandbox_id = $1", [foreign]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// Jailed commands die with the orchestrator; plain process groups are killed by the next start.
describe.each(["auto", "none"] as const)("restart after a crash (isolation setting %s)", (isolation) => {
  it("reconciles rows left active, keeps the files, and leaves no process behind", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "orchestrator-crash-"));
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "local-stack/orchestrator/main.ts")], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        ORCHESTRATOR_PORT: "0",
        ORCHESTRATOR_DATA_DIR: dataDir,
        ORCHESTRATOR_STEP_DELAY_MS: "5",
        ORCHESTRATOR_ISOLATION: isolation,
        MATRX_ORCHESTRATOR_API_KEY: testApiKey,
        SUPABASE_URL: supabase.url,
        SUPABASE_SECRET_KEY: supabase.keys.secretKey,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    try {
      const url = await waitFor(() => /listening on (http:\/\/[^;\s]+)/.exec(output)?.[1], `the child to listen (${output})`);
      const call = (method: string, route: string, body?: unknown) =>
        fetch(url + route, {
          method,
          headers: { "X-API-Key": testApiKey, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const created = await (await call("POST", "/sandboxes", { user_id: alice })).json();
      const id = created.sandbox_id as string;
      await call("POST", `/sandboxes/${id}/exec`, { command: "echo survives > ~/kept.txt" });
      const tag = `${Math.floor(100 + Math.random() * 800)}.${randomBytes(2).readUInt16BE(0)}`;
      call("POST", `/sandboxes/${id}/exec`, { command: `sleep ${tag}`, timeout: 600 }).catch(() => undefined);
      await waitFor(() => processesWith(`sleep ${tag}`).length === 1, "the command to start");

      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      expect((await rowOf(id))?.status).toBe("ready");
      const survivedTheCrash = processesWith(`sleep ${tag}`).length === 1;

      const restarted = await startTestOrchestrator({ supabase, dataDir, isolation });
      try {
        expect(await rowOf(id)).toMatchObject({ status: "stopped", stop_reason: "error", stopped_at: expect.any(String) });
        expect(restarted.logs.some((l) => l.includes(`reconciled ${id}`))).toBe(true);
        expect((await restarted.api("GET", `/sandboxes/${id}`)).body).toMatchObject({ sandbox_id: id, status: "stopped" });
        expect(readFileSync(path.join(dataDir, id, "home", "kept.txt"), "utf8")).toBe("survives\n");
        await waitFor(() => processesWith(`sleep ${tag}`).length === 0, "the orphaned command to be gone");
        if (survivedTheCrash)
          expect(restarted.logs.some((l) => /^killed [1-9]\d* process\(es\) left running in /.test(l) && l.includes(id))).toBe(true);
        if (isolation === "none") expect(survivedTheCrash).toBe(true);
      } finally {
        await restarted.stop();
      }
    } finally {
      child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
