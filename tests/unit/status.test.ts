import { describe, expect, it } from "vitest";
import { sandboxStatuses } from "@/lib/orchestrator/contract";
import {
  activeStatuses,
  canExec,
  canStop,
  countedStatuses,
  effectiveStatus,
  effectiveStopReason,
  endedStatuses,
  isActive,
  isEnded,
  isSandboxStatus,
  type SandboxStatus,
} from "@/lib/sandbox/status";

const now = Date.parse("2026-11-27T12:00:00Z");
const past = "2026-11-27T11:59:59Z";
const future = "2026-11-27T12:00:01Z";

describe("status sets", () => {
  it("splits the eight statuses into active and ended, with no status in both", () => {
    expect(sandboxStatuses).toHaveLength(8);
    expect(activeStatuses.filter((status) => endedStatuses.includes(status))).toEqual([]);
    expect([...activeStatuses, ...endedStatuses].sort()).toEqual([...sandboxStatuses].sort());
    for (const status of sandboxStatuses) expect(isActive(status)).toBe(!isEnded(status));
  });

  it("shows shutting_down as active but does not count it against the limit", () => {
    expect(isActive("shutting_down")).toBe(true);
    expect(countedStatuses).not.toContain("shutting_down");
    expect(countedStatuses.every((status) => isActive(status))).toBe(true);
  });

  it("knows its own statuses and nothing else", () => {
    for (const status of sandboxStatuses) expect(isSandboxStatus(status)).toBe(true);
    for (const value of ["Running", "deleted", "", null, 3]) expect(isSandboxStatus(value)).toBe(false);
  });
});

describe("what a user may do", () => {
  const cases: [SandboxStatus, { exec: boolean; stop: boolean }][] = [
    ["creating", { exec: false, stop: true }],
    ["starting", { exec: false, stop: true }],
    ["ready", { exec: true, stop: true }],
    ["running", { exec: true, stop: true }],
    ["shutting_down", { exec: false, stop: false }],
    ["stopped", { exec: false, stop: false }],
    ["failed", { exec: false, stop: false }],
    ["expired", { exec: false, stop: false }],
  ];
  it.each(cases)("%s: exec and stop as expected", (status, allowed) => {
    expect({ exec: canExec(status), stop: canStop(status) }).toEqual(allowed);
  });
});

describe("effectiveStatus", () => {
  it("shows a ready or running sandbox past its expiry as expired", () => {
    expect(effectiveStatus({ status: "ready", expires_at: past }, now)).toBe("expired");
    expect(effectiveStatus({ status: "running", expires_at: past }, now)).toBe("expired");
  });

  it("expires exactly at expires_at, not before", () => {
    expect(effectiveStatus({ status: "running", expires_at: "2026-11-27T12:00:00Z" }, now)).toBe("expired");
    expect(effectiveStatus({ status: "running", expires_at: future }, now)).toBe("running");
  });

  it("keeps the stored status without an expiry, with an unparsable one, or when the sandbox cannot run commands", () => {
    expect(effectiveStatus({ status: "running", expires_at: null }, now)).toBe("running");
    expect(effectiveStatus({ status: "running", expires_at: "not a date" }, now)).toBe("running");
    expect(effectiveStatus({ status: "creating", expires_at: past }, now)).toBe("creating");
    expect(effectiveStatus({ status: "shutting_down", expires_at: past }, now)).toBe("shutting_down");
    expect(effectiveStatus({ status: "stopped", expires_at: past }, now)).toBe("stopped");
    expect(effectiveStatus({ status: "failed", expires_at: past }, now)).toBe("failed");
  });
});

describe("effectiveStopReason", () => {
  it("gives an ended sandbox its recorded reason, one expired by the clock 'expired', and a live one none", () => {
    expect(effectiveStopReason({ stop_reason: "user_requested" }, "stopped")).toBe("user_requested");
    expect(effectiveStopReason({ stop_reason: null }, "expired")).toBe("expired");
    expect(effectiveStopReason({ stop_reason: null }, "failed")).toBeNull();
    expect(effectiveStopReason({ stop_reason: "expired" }, "running")).toBeNull();
  });
});
