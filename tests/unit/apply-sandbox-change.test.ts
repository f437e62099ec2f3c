import { describe, expect, it } from "vitest";
import { unstable_serialize } from "swr";
import { unstable_serialize as serializeInfinite } from "swr/infinite";
import { applySandboxChange, type SandboxChange } from "../../lib/sandbox/cache/apply-sandbox-change.ts";
import { readCacheKey, sandboxKeys, type ListView, type SandboxPagesKey } from "../../lib/sandbox/cache/sandbox-keys.ts";
import { changeFromPayload } from "../../lib/sandbox/realtime/change-from-payload.ts";
import type { SandboxInstance, SandboxListPage } from "../../lib/sandbox/types.ts";
import { sandboxRow } from "../helpers/sandbox-row.ts";

// Rows of a fixed morning, so the instants the tests write are before or after theirs on purpose.
const row = (patch: Parameters<typeof sandboxRow>[0] = {}) => sandboxRow(patch, Date.parse("2026-11-27T10:01:00Z"));

const page = (instances: SandboxInstance[], total = instances.length, offset = 0, limit = 50): SandboxListPage => ({
  instances,
  pagination: { total, limit, offset, hasMore: offset + instances.length < total },
});

const activeKey = sandboxKeys.active();
const endedView: ListView = { status: ["stopped", "failed", "expired"], q: "", sort: "created" };
const endedKey: SandboxPagesKey = ["sandboxes", "pages", endedView];
const upsert = (r: SandboxInstance): SandboxChange => ({ type: "upsert", row: r });
const ids = (data: unknown) => (data as SandboxListPage).instances.map((r) => r.id);

describe("changeFromPayload", () => {
  it("turns INSERT and UPDATE into an upsert of the checked row", () => {
    const r = row();
    expect(changeFromPayload({ eventType: "INSERT", new: r, old: {} })).toEqual({ type: "upsert", row: r });
    expect(changeFromPayload({ eventType: "UPDATE", new: r, old: { id: r.id } })).toEqual({ type: "upsert", row: r });
  });

  it("turns DELETE into a removal by the old key alone", () => {
    expect(changeFromPayload({ eventType: "DELETE", new: {}, old: { id: "abc" } })).toEqual({ type: "delete", id: "abc" });
  });

  it("refuses bad payloads: a missing field, an unknown status, a wrong type, no id on delete, other events", () => {
    const { status: _status, ...withoutStatus } = row();
    expect(changeFromPayload({ eventType: "INSERT", new: withoutStatus, old: {} })).toBeNull();
    expect(changeFromPayload({ eventType: "UPDATE", new: { ...row(), status: "paused" }, old: {} })).toBeNull();
    expect(changeFromPayload({ eventType: "UPDATE", new: { ...row(), ttl_seconds: "7200" }, old: {} })).toBeNull();
    expect(changeFromPayload({ eventType: "UPDATE", new: null, old: {} })).toBeNull();
    expect(changeFromPayload({ eventType: "DELETE", new: {}, old: {} })).toBeNull();
    expect(changeFromPayload({ eventType: "DELETE", new: {}, old: null })).toBeNull();
    expect(changeFromPayload({ eventType: "TRUNCATE", new: {}, old: {} })).toBeNull();
  });
});

describe("applySandboxChange on a list", () => {
  it("inserts a new row that matches the list's statuses, in the API's order, and counts it", () => {
    const older = row({ created_at: "2026-11-27T09:00:00Z" });
    const fresh = row({ status: "creating", created_at: "2026-11-27T11:00:00Z" });
    const result = applySandboxChange(activeKey, page([older]), upsert(fresh));
    expect(ids(result.data)).toEqual([fresh.id, older.id]);
    expect((result.data as SandboxListPage).pagination.total).toBe(2);
    expect(result.revalidate).toBe(false);
  });

  it("leaves a list alone when the new row's status is not one it shows", () => {
    const cached = page([row()]);
    const result = applySandboxChange(sandboxKeys.list(endedView), cached, upsert(row({ status: "ready" })));
    expect(result.data).toBe(cached);
  });

  it("moves a row between lists when its status changes: out of active, into ended", () => {
    const r = row({ status: "ready" });
    const stopped = { ...r, status: "stopped" as const, updated_at: "2026-11-27T10:05:00Z" };
    const active = applySandboxChange(activeKey, page([r]), upsert(stopped));
    expect(ids(active.data)).toEqual([]);
    expect((active.data as SandboxListPage).pagination.total).toBe(0);
    const ended = applySandboxChange(endedKey, [page([])], upsert(stopped));
    expect((ended.data as SandboxListPage[])[0]!.instances).toEqual([stopped]);
    expect((ended.data as SandboxListPage[])[0]!.pagination.total).toBe(1);
  });

  it("replaces a cached row with a newer version, in place", () => {
    const r = row({ status: "creating" });
    const ready = { ...r, status: "ready" as const, updated_at: "2026-11-27T10:00:01Z" };
    const result = applySandboxChange(activeKey, page([r]), upsert(ready));
    expect((result.data as SandboxListPage).instances).toEqual([ready]);
    expect((result.data as SandboxListPage).pagination.total).toBe(1);
  });

  it("ignores an event older than the cached row, comparing instants, not text", () => {
    // The same instant written two ways, then one truly older in another format.
    const cached = row({ status: "ready", updated_at: "2026-11-27 10:00:05.5+00" });
    const late = { ...cached, status: "creating" as const, updated_at: "2026-11-27T11:00:04.000+01:00" };
    const list = page([cached]);
    expect(applySandboxChange(activeKey, list, upsert(late)).data).toBe(list);
    const same = { ...cached, status: "running" as const, updated_at: "2026-11-27T10:00:05.500Z" };
    expect((applySandboxChange(activeKey, list, upsert(same)).data as SandboxListPage).instances[0]!.status).toBe("running");
  });

  it("removes a deleted row and counts it; ignores a delete of a row it does not hold", () => {
    const a = row();
    const b = row();
    const list = page([a, b]);
    const removed = applySandboxChange(activeKey, list, { type: "delete", id: a.id });
    expect(ids(removed.data)).toEqual([b.id]);
    expect((removed.data as SandboxListPage).pagination.total).toBe(1);
    const unknown = applySandboxChange(activeKey, list, { type: "delete", id: "not-here" });
    expect(unknown.data).toBe(list);
    expect(unknown.revalidate).toBe(false);
  });

  it("asks the API after a delete of a row it may count but does not hold (a count list of one row)", () => {
    // The Ended chip reads a list of limit 1: deleting any other ended row must still lower it.
    const held = row({ status: "stopped" });
    const countList = page([held], 2, 0, 1);
    const result = applySandboxChange(sandboxKeys.list({ status: ["stopped", "failed", "expired"], limit: 1 }), countList, {
      type: "delete",
      id: "other",
    });
    expect(result.data).toBe(countList);
    expect(result.revalidate).toBe(true);
  });

  it("keeps the order of a list sorted by time left, rows without an expiry last", () => {
    const soon = row({ expires_at: "2026-11-27T10:30:00Z" });
    const none = row({ expires_at: null, status: "creating" });
    const key = sandboxKeys.list({ ...activeKey[2], sort: "expires" });
    const middle = row({ expires_at: "2026-11-27T11:00:00Z" });
    const result = applySandboxChange(key, page([soon, none]), upsert(middle));
    expect(ids(result.data)).toEqual([soon.id, middle.id, none.id]);
  });

  it("asks the API when a new row might match a search (the project's name is not in the row)", () => {
    const list = page([]);
    const result = applySandboxChange(sandboxKeys.list({ ...activeKey[2], q: "billing" }), list, upsert(row()));
    expect(result.data).toBe(list);
    expect(result.revalidate).toBe(true);
  });

  it("counts, but does not show, a new row that sorts after the last loaded page of a longer list", () => {
    const loaded = [row({ status: "stopped", created_at: "2026-11-27T12:00:00Z" })];
    const pages = [page(loaded, 80)];
    const old = row({ status: "stopped", created_at: "2026-11-01T00:00:00Z" });
    const result = applySandboxChange(endedKey, pages, upsert(old));
    const [first] = result.data as SandboxListPage[];
    expect(first!.instances.map((r) => r.id)).toEqual([loaded[0]!.id]);
    expect(first!.pagination).toMatchObject({ total: 81, hasMore: true });
  });

  it("updates a row on a later loaded page and keeps every page's total in step", () => {
    const first = [row({ status: "stopped", created_at: "2026-11-27T12:00:00Z" })];
    const second = [row({ status: "stopped", created_at: "2026-11-27T08:00:00Z" })];
    const pages = [page(first, 2, 0, 1), page(second, 2, 1, 1)];
    const result = applySandboxChange(endedKey, pages, { type: "delete", id: first[0]!.id });
    const data = result.data as SandboxListPage[];
    expect(data.map((p) => p.instances.map((r) => r.id))).toEqual([[second[0]!.id], []]);
    expect(data.map((p) => p.pagination.total)).toEqual([1, 1]);
  });

  it("asks the API again for a list not loaded yet, whose first answer may predate the change", () => {
    expect(applySandboxChange(activeKey, undefined, upsert(row()))).toEqual({ data: undefined, revalidate: true });
  });
});

describe("applySandboxChange on a detail", () => {
  it("takes a newer version of its own row and ignores other rows and older events", () => {
    const r = row({ status: "starting", updated_at: "2026-11-27T10:00:01Z" });
    const key = sandboxKeys.detail(r.id);
    const ready = { ...r, status: "ready" as const, updated_at: "2026-11-27T10:00:02Z" };
    expect(applySandboxChange(key, r, upsert(ready)).data).toEqual(ready);
    expect(applySandboxChange(key, r, upsert(row())).data).toBe(r);
    const older = { ...r, status: "creating" as const, updated_at: "2026-11-27T10:00:00Z" };
    expect(applySandboxChange(key, r, upsert(older)).data).toBe(r);
  });

  it("asks the API after a delete of its row (which then answers not found), and only of its row", () => {
    const r = row();
    const key = sandboxKeys.detail(r.id);
    expect(applySandboxChange(key, r, { type: "delete", id: r.id })).toEqual({ data: r, revalidate: true });
    expect(applySandboxChange(key, r, { type: "delete", id: "other" })).toEqual({ data: r, revalidate: false });
  });
});

describe("readCacheKey", () => {
  it("reads back the key of every sandbox cache entry, including a list loaded in pages, and nothing else", () => {
    const detail = sandboxKeys.detail("abc");
    expect(readCacheKey(unstable_serialize(detail))).toEqual(detail);
    expect(readCacheKey(unstable_serialize(sandboxKeys.list({ q: "x" })))).toEqual(sandboxKeys.list({ q: "x" }));
    expect(readCacheKey(serializeInfinite(sandboxKeys.pages(endedView)))).toEqual(endedKey);
    expect(readCacheKey(unstable_serialize(["projects", "list"]))).toBeUndefined();
    expect(readCacheKey("/api/sandbox/abc/exec")).toBeUndefined();
  });
});
