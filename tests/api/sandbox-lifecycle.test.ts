import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { alice, anonymousCaller, apiStackSettings, newUser, rowById, serviceDb, stack, type ApiCaller } from "./stack.ts";

/** The sandbox as the orchestrator itself sees it. */
async function atOrchestrator(sandboxId: string) {
  const response = await fetch(`${stack().orchestratorUrl}/sandboxes/${sandboxId}`, {
    headers: { "X-API-Key": apiStackSettings.orchestratorApiKey },
  });
  return { status: response.status, body: (await response.json()) as { status?: string; ttl_seconds?: number } };
}

let user: ApiCaller;
beforeAll(async () => {
  user = await newUser();
});

const errorShape = (code: string) => ({ error: expect.objectContaining({ code, message: expect.any(String) }) });

describe("GET /api/sandbox", () => {
  it("answers 401 in the error shape without a session, and never caches", async () => {
    const answer = await anonymousCaller().request("GET", "/api/sandbox");
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(errorShape("unauthorized"));
    expect(answer.headers.get("cache-control")).toContain("no-store");
  });

  it("lists the caller's sandboxes newest first with pagination", async () => {
    const caller = await alice();
    const all = await caller.request("GET", "/api/sandbox");
    expect(all.status).toBe(200);
    expect(all.headers.get("cache-control")).toContain("no-store");
    const { instances, pagination } = all.body;
    expect(instances.length).toBeGreaterThanOrEqual(3);
    expect(instances.every((i: { user_id: string }) => i.user_id === caller.id)).toBe(true);
    const created = instances.map((i: { created_at: string }) => Date.parse(i.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(pagination).toEqual({ total: instances.length, limit: 50, offset: 0, hasMore: false });

    const page = await caller.request("GET", "/api/sandbox?limit=1&offset=1");
    expect(page.body.instances.map((i: { id: string }) => i.id)).toEqual([instances[1].id]);
    expect(page.body.pagination).toEqual({ total: instances.length, limit: 1, offset: 1, hasMore: true });

    const failed = await caller.request("GET", "/api/sandbox?status=failed&status=expired");
    expect(new Set(failed.body.instances.map((i: { status: string }) => i.status))).toEqual(new Set(["failed", "expired"]));
    const commaSeparated = await caller.request("GET", "/api/sandbox?status=failed,expired");
    expect(commaSeparated.body.pagination.total).toBe(failed.body.pagination.total);
  });

  it("answers an empty page with the right total for an offset past the end", async () => {
    const none = await newUser();
    const empty = await none.request("GET", "/api/sandbox?offset=1");
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ instances: [], pagination: { total: 0, limit: 50, offset: 1, hasMore: false } });
    const caller = await alice();
    const { total } = (await caller.request("GET", "/api/sandbox")).body.pagination;
    for (const offset of [total, total + 5]) {
      const past = await caller.request(
        "GET",
        `/api/sandbox?offset=${offset}&status=stopped,failed,expired,ready,running,creating,starting`,
      );
      expect(past.status, `offset=${offset}`).toBe(200);
      expect(past.body.instances).toEqual([]);
      expect(past.body.pagination.total).toBe(total);
    }
  });

  it("rejects a bad query with 400 naming the field", async () => {
    for (const query of ["limit=0", "limit=101", "offset=-1", "limit=ten", "status=paused", "offset=2147483648"]) {
      const answer = await user.request("GET", `/api/sandbox?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toEqual(errorShape("validation"));
      expect(answer.body.error.details.fields[0].field, query).toBe(query.split("=")[0]);
    }
  });
});

describe("a sandbox from create to delete", () => {
  let id: string;
  let home: string;

  it("creates a ready sandbox with the chosen lifetime, recorded once", async () => {
    const answer = await user.request("POST", "/api/sandbox", { ttl_seconds: 900, config: { purpose: "lifecycle" } });
    expect(answer.status).toBe(201);
    const { instance } = answer.body;
    expect(instance).toMatchObject({ user_id: user.id, status: "ready", ttl_seconds: 900, config: { purpose: "lifecycle" } });
    expect(instance.config).toEqual({ purpose: "lifecycle" });
    expect(instance.sandbox_id).toMatch(/^sbx-[0-9a-f]{12}$/);
    const lifetime = (Date.parse(instance.expires_at) - Date.parse(instance.created_at)) / 1000;
    expect(lifetime).toBeGreaterThan(890);
    expect(lifetime).toBeLessThan(960);
    const { count } = await serviceDb()
      .from("sandbox_instances")
      .select("id", { count: "exact", head: true })
      .eq("sandbox_id", instance.sandbox_id);
    expect(count).toBe(1);
    expect((await atOrchestrator(instance.sandbox_id)).body).toMatchObject({ status: "ready", ttl_seconds: 900 });
    // Jailed, the contract's /home/agent; unjailed, the host folder that commands really see.
    const { orchestratorIsolation, orchestratorDataDir } = stack();
    home = orchestratorIsolation === "bwrap" ? "/home/agent" : path.join(orchestratorDataDir, instance.sandbox_id, "home");
    expect(instance.hot_path).toBe(home);
    id = instance.id;
  });

  it("reads it back by id", async () => {
    const answer = await user.request("GET", `/api/sandbox/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.body.instance).toMatchObject({ id, status: "ready" });
  });

  it("caps what one command sends at 1 MiB of JSON for both streams together, and says it was cut", async () => {
    // Control characters take six bytes each in JSON ("\u0001").
    const flood = "head -c 900000 /dev/zero | tr '\\0' '\\1'";
    const answer = await user.request("POST", `/api/sandbox/${id}/exec`, { command: `${flood}; ${flood} >&2` });
    expect(answer.status).toBe(200);
    expect(answer.body.truncated).toBe(true);
    expect(answer.body.exit_code).toBe(0);
    expect(Buffer.byteLength(JSON.stringify(answer.body))).toBeLessThanOrEqual(1024 * 1024 + 1024);
    expect(answer.body.stdout).toMatch(/^\u0001+\n\[output cut: .*\]\n$/);
    expect(answer.body.stderr).toMatch(/\[output cut: .*\]\n$/);
    const small = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "echo fine" });
    expect(small.body).not.toHaveProperty("truncated");
  });

  it("runs commands in it, keeping the working directory between them", async () => {
    const first = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "mkdir -p work && cd work && pwd" });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ exit_code: 0, stdout: `${home}/work\n`, stderr: "", cwd: `${home}/work` });
    const second = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "echo oops >&2; exit 3" });
    expect(second.body).toEqual({ exit_code: 3, stdout: "", stderr: "oops\n", cwd: `${home}/work` });
    const override = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "pwd", cwd: home });
    expect(override.body).toMatchObject({ stdout: `${home}\n`, cwd: home });
    // A reported directory is one a command can go to.
    const back = await user.request("POST", `/api/sandbox/${id}/exec`, { command: `cd / && cd '${first.body.cwd}' && pwd` });
    expect(back.body).toMatchObject({ exit_code: 0, stdout: `${home}/work\n`, cwd: `${home}/work` });
  });

  it("stops it: stopped, with the time and the reason; stopping again is a success", async () => {
    const answer = await user.request("PATCH", `/api/sandbox/${id}`, { action: "stop" });
    expect(answer.status).toBe(200);
    expect(answer.body.instance).toMatchObject({ id, status: "stopped", stop_reason: "user_requested" });
    expect(answer.body.instance.stopped_at).toEqual(expect.any(String));
    const again = await user.request("PATCH", `/api/sandbox/${id}`, { action: "stop" });
    expect(again.status).toBe(200);
    expect(again.body.instance.stopped_at).toBe(answer.body.instance.stopped_at);
  });

  it("refuses commands once it is stopped, saying its status", async () => {
    const answer = await user.request("POST", `/api/sandbox/${id}/exec`, { command: "pwd" });
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual(errorShape("conflict"));
    expect(answer.body.error.details).toEqual({ status: "stopped" });
  });

  it("deletes it: 204, the row is gone and the id answers 404", async () => {
    const answer = await user.request("DELETE", `/api/sandbox/${id}`);
    expect(answer.status).toBe(204);
    expect(await rowById(id)).toBeNull();
    const after = await user.request("GET", `/api/sandbox/${id}`);
    expect(after.status).toBe(404);
    expect(after.body).toEqual(errorShape("not_found"));
  });

  it("deletes an active sandbox by killing it first", async () => {
    const created = await user.request("POST", "/api/sandbox", {});
    expect(created.status).toBe(201);
    const { instance } = created.body;
    expect(instance.ttl_seconds).toBe(7200);
    const answer = await user.request("DELETE", `/api/sandbox/${instance.id}`);
    expect(answer.status).toBe(204);
    expect(await rowById(instance.id)).toBeNull();
    const upstream = await atOrchestrator(instance.sandbox_id);
    expect(upstream.status === 404 || upstream.body.status === "stopped", JSON.stringify(upstream)).toBe(true);
  });

  it("shows the config the user gave and deletes a stopped sandbox at once, whatever the orchestrator wrote back", async () => {
    const created = await user.request("POST", "/api/sandbox", { config: { purpose: "rewritten" } });
    expect(created.status).toBe(201);
    const { instance } = created.body;
    expect((await user.request("PATCH", `/api/sandbox/${instance.id}`, { action: "stop" })).status).toBe(200);
    // The local orchestrator saved its whole row at each step of the stop, as production does,
    // config with the dashboard's own keys included: the table keeps the user's config alone.
    expect(await rowById(instance.id)).toMatchObject({ status: "stopped", config: { purpose: "rewritten" } });
    expect((await rowById(instance.id))!.config).toEqual({ purpose: "rewritten" });
    // Written straight to the table, as another writer might: still only what the user chose.
    const { error } = await serviceDb()
      .from("sandbox_instances")
      .update({ config: { purpose: "rewritten", ttl_seconds: 7200, dashboard_reservation_id: crypto.randomUUID() } })
      .eq("id", instance.id);
    expect(error).toBeNull();
    expect((await rowById(instance.id))!.config).toEqual({ purpose: "rewritten" });
    const read = await user.request("GET", `/api/sandbox/${instance.id}`);
    expect(read.body.instance.config).toEqual({ purpose: "rewritten" });
    const listed = (await user.request("GET", "/api/sandbox")).body.instances.find((i: { id: string }) => i.id === instance.id);
    expect(listed.config).toEqual({ purpose: "rewritten" });
    const deleted = await user.request("DELETE", `/api/sandbox/${instance.id}`);
    expect(deleted.status).toBe(204);
    expect(await rowById(instance.id)).toBeNull();
  });

  it("deletes a ready sandbox whose recorded create the orchestrator's marker still names", async () => {
    const created = await user.request("POST", "/api/sandbox", {});
    const { instance } = created.body;
    await serviceDb()
      .from("sandbox_instances")
      .update({ config: { ttl_seconds: 7200, dashboard_reservation_id: crypto.randomUUID() } })
      .eq("id", instance.id);
    expect((await user.request("DELETE", `/api/sandbox/${instance.id}`)).status).toBe(204);
  });

  it("refuses to delete a ready sandbox while the create that reserved it still holds its slot", async () => {
    const { instance } = (await user.request("POST", "/api/sandbox", {})).body;
    // The moment between the orchestrator's answer and the row being recorded: the
    // reservation is held and the orchestrator's row names it.
    const { data: reservation, error } = await serviceDb()
      .from("sandbox_create_reservations")
      .insert({ user_id: user.id! })
      .select("id")
      .single();
    expect(error).toBeNull();
    await serviceDb()
      .from("sandbox_instances")
      .update({ config: { ttl_seconds: 7200, dashboard_reservation_id: reservation!.id } })
      .eq("id", instance.id);
    const early = await user.request("DELETE", `/api/sandbox/${instance.id}`);
    expect(early.status).toBe(409);
    await serviceDb().from("sandbox_create_reservations").delete().eq("id", reservation!.id);
    expect((await user.request("DELETE", `/api/sandbox/${instance.id}`)).status).toBe(204);
  });

  it("refuses to delete a sandbox that is still being created, and deletes it once it is ready", async () => {
    const pending = user.request("POST", "/api/sandbox", {});
    let row: { id: string; status: string } | null = null;
    for (const deadline = Date.now() + 10_000; !row && Date.now() < deadline;) {
      const { data } = await serviceDb()
        .from("sandbox_instances")
        .select("id, status")
        .eq("user_id", user.id!)
        .eq("status", "creating")
        .maybeSingle();
      row = data;
    }
    expect(row).not.toBeNull();
    const early = await user.request("DELETE", `/api/sandbox/${row!.id}`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("conflict");
    expect((await pending).status).toBe(201);
    expect((await user.request("DELETE", `/api/sandbox/${row!.id}`)).status).toBe(204);
    expect(await rowById(row!.id)).toBeNull();
  });
});
