import { describe, expect, it } from "vitest";
import { mergeSandboxAnswer } from "../../lib/sandbox/cache/merge-sandbox-answer.ts";
import { sandboxKeys } from "../../lib/sandbox/cache/sandbox-keys.ts";
import type { SandboxInstance, SandboxListPage } from "../../lib/sandbox/types.ts";
import { sandboxRow } from "../helpers/sandbox-row.ts";

// Rows of a fixed morning, so the instants the tests write are before or after theirs on purpose.
const row = (patch: Parameters<typeof sandboxRow>[0] = {}) => sandboxRow(patch, Date.parse("2026-11-27T10:01:00Z"));

const page = (instances: SandboxInstance[]): SandboxListPage => ({
  instances,
  pagination: { total: instances.length, limit: 50, offset: 0, hasMore: false },
});
const listKey = sandboxKeys.list({ status: ["creating", "starting", "ready", "running", "shutting_down"] });
const statuses = (data: unknown) => (data as SandboxListPage).instances.map((r) => [r.id, r.status]);

describe("mergeSandboxAnswer on a list page", () => {
  it("keeps a cached row newer than the answer's (an event the answer's read predates)", () => {
    const answerRow = row({ status: "ready", updated_at: "2026-11-27T10:00:01.000+00:00" });
    // 11:00:02Z, newer as a time though it sorts first as text.
    const newer = { ...answerRow, status: "running" as const, updated_at: "2026-11-27T09:00:02-02:00" };
    const merged = mergeSandboxAnswer(listKey, page([answerRow]), page([newer]));
    expect(statuses(merged)).toEqual([[answerRow.id, "running"]]);
  });

  it("takes the answer's row when the cached one is older", () => {
    const cachedRow = row({ status: "running", updated_at: "2026-11-27T10:00:01Z" });
    const answerRow = { ...cachedRow, status: "ready" as const, updated_at: "2026-11-27T10:00:02Z" };
    expect(statuses(mergeSandboxAnswer(listKey, page([answerRow]), page([cachedRow])))).toEqual([[cachedRow.id, "ready"]]);
  });

  it("takes the answer's row on equal timestamps", () => {
    const cachedRow = row({ status: "running", updated_at: "2026-11-27T10:00:01Z" });
    const answerRow = { ...cachedRow, status: "ready" as const, updated_at: "2026-11-27T10:00:01.000+00:00" };
    expect(statuses(mergeSandboxAnswer(listKey, page([answerRow]), page([cachedRow])))).toEqual([[cachedRow.id, "ready"]]);
  });

  it("follows the answer for rows only it has and drops rows only the cache has", () => {
    const kept = row({ updated_at: "2026-11-27T10:00:01Z" });
    const added = row();
    const gone = row({ updated_at: "2026-11-27T10:59:00Z" });
    const answer = page([added, kept]);
    const merged = mergeSandboxAnswer(listKey, answer, page([gone, { ...kept }])) as SandboxListPage;
    expect(merged.instances.map((r) => r.id)).toEqual([added.id, kept.id]);
    expect(merged.pagination).toEqual(answer.pagination);
  });

  it("takes the answer when either timestamp is malformed or missing", () => {
    const a = row({ status: "ready", updated_at: "2026-11-27T10:00:01Z" });
    const b = row({ status: "ready", updated_at: "not a time" });
    const cached = page([
      { ...a, status: "running", updated_at: "garbage" },
      { ...b, status: "running", updated_at: "2026-11-27T10:00:05Z" },
    ]);
    expect(statuses(mergeSandboxAnswer(listKey, page([b, a]), cached))).toEqual([
      [b.id, "ready"],
      [a.id, "ready"],
    ]);
  });

  it("returns the answer as it came when nothing is cached", () => {
    const answer = page([row()]);
    expect(mergeSandboxAnswer(listKey, answer, undefined)).toBe(answer);
  });
});

describe("mergeSandboxAnswer on a detail", () => {
  const r = row({ status: "starting", updated_at: "2026-11-27T10:00:01Z" });
  const key = sandboxKeys.detail(r.id);
  const newer = { ...r, status: "ready" as const, updated_at: "2026-11-27T10:00:02Z" };

  it("keeps a newer cached row, takes a newer or equally new answer", () => {
    expect(mergeSandboxAnswer(key, r, newer)).toBe(newer);
    expect(mergeSandboxAnswer(key, newer, r)).toBe(newer);
    const same = { ...newer, status: "running" as const };
    expect(mergeSandboxAnswer(key, same, newer)).toBe(same);
  });

  it("takes the answer when a timestamp is malformed", () => {
    expect(mergeSandboxAnswer(key, { ...r, updated_at: "x" }, newer)).toEqual({ ...r, updated_at: "x" });
    expect(mergeSandboxAnswer(key, r, { ...newer, updated_at: "" })).toBe(r);
  });
});
