import { describe, expect, it } from "vitest";
import { createExecTargets } from "@/lib/sandbox/exec-targets";

const row = (id: string, expires_at: string | null = null) => ({ id, sandbox_id: `sbx-${id}`, expires_at });

function clock(start = Date.parse("2026-11-27T12:00:00Z")) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

describe("createExecTargets", () => {
  it("answers only the user whose read it remembers", () => {
    const targets = createExecTargets();
    targets.remember("alice", row("a"));
    expect(targets.get("alice", "a")).toEqual({ sandboxId: "sbx-a", expiresAt: null });
    expect(targets.get("bob", "a")).toBeNull();
    expect(targets.get("alice", "b")).toBeNull();
  });

  it("forgets an entry after its time to live, and a sandbox past its expiry at once", () => {
    const time = clock();
    const targets = createExecTargets({ ttlMs: 1000, now: time.now });
    targets.remember("alice", row("a"));
    targets.remember("alice", row("b", new Date(time.now() + 500).toISOString()));
    time.advance(499);
    expect(targets.get("alice", "a")).not.toBeNull();
    expect(targets.get("alice", "b")).not.toBeNull();
    time.advance(1);
    expect(targets.get("alice", "b")).toBeNull();
    time.advance(500);
    expect(targets.get("alice", "a")).toBeNull();
    expect(targets.size).toBe(0);
  });

  it("forgets on request, and the oldest entries first when full", () => {
    const targets = createExecTargets({ maxEntries: 2 });
    targets.remember("alice", row("a"));
    targets.remember("alice", row("b"));
    targets.forget("a");
    expect(targets.get("alice", "a")).toBeNull();
    targets.remember("bob", row("c"));
    targets.remember("bob", row("d"));
    expect(targets.size).toBe(2);
    expect(targets.get("alice", "b")).toBeNull();
    expect(targets.get("bob", "c")).not.toBeNull();
    expect(targets.get("bob", "d")).not.toBeNull();
  });
});
