import { describe, expect, it } from "vitest";
import { InvalidSandboxRowError, parseSandboxInstance, toSandboxInstance } from "@/lib/sandbox/to-sandbox-instance";

const row = {
  id: "5f0c3a52-8e0e-4c55-9d0c-0d6b8f0a8c11",
  user_id: "0b7d6c1e-2f7a-4a52-8f64-6a1b3c9d2e01",
  project_id: null,
  sandbox_id: "sbx-123",
  status: "running",
  container_id: "c-1",
  hot_path: "/home/agent",
  cold_path: "/data/cold",
  config: { image: "python:3.12" },
  ttl_seconds: 7200,
  expires_at: "2026-11-27T14:00:00+00:00",
  last_heartbeat_at: null,
  stopped_at: null,
  stop_reason: null,
  created_at: "2026-11-27T12:00:00+00:00",
  updated_at: "2026-11-27T12:00:00+00:00",
};

describe("toSandboxInstance", () => {
  it("returns a well-formed row as it is", () => {
    expect(toSandboxInstance(row)).toEqual(row);
    expect(parseSandboxInstance(row)).toEqual(row);
  });

  it("refuses a row missing a field, naming it", () => {
    const { sandbox_id: _, ...partial } = row;
    expect(() => toSandboxInstance(partial)).toThrow(InvalidSandboxRowError);
    expect(() => toSandboxInstance(partial)).toThrow(/sandbox_id/);
    expect(parseSandboxInstance(partial)).toBeNull();
  });

  it("refuses a status outside the eight", () => {
    const bad = { ...row, status: "deleted" };
    expect(() => toSandboxInstance(bad)).toThrow(/status/);
    expect(parseSandboxInstance(bad)).toBeNull();
  });

  it("refuses what is not an object", () => {
    for (const value of [null, undefined, "row", 42, [row]]) {
      expect(() => toSandboxInstance(value)).toThrow(InvalidSandboxRowError);
      expect(parseSandboxInstance(value)).toBeNull();
    }
  });
});
