import type { SandboxInstance } from "../../lib/sandbox/types.ts";

let counter = 0;

/** A `sandbox_instances` row with a fresh id and sandbox id each call; `patch` overrides any column. */
export function sandboxRow(patch: Partial<SandboxInstance> = {}): SandboxInstance {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    user_id: "a11ce000-0000-4000-8000-000000000001",
    project_id: null,
    sandbox_id: `sbx-${String(counter).padStart(12, "0")}`,
    status: "ready",
    container_id: "c-1",
    hot_path: "/home/agent",
    cold_path: "/data/cold",
    config: {},
    ttl_seconds: 7200,
    expires_at: "2026-11-27T12:00:00+00:00",
    last_heartbeat_at: null,
    stopped_at: null,
    stop_reason: null,
    created_at: `2026-11-27T10:${String(counter % 60).padStart(2, "0")}:00+00:00`,
    updated_at: "2026-11-27T10:00:00.000+00:00",
    ...patch,
  };
}
