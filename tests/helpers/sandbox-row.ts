import type { SandboxInstance } from "../../lib/sandbox/types.ts";

/** The owner of the rows `sandboxRow` makes: the signed-in user of the component tests' render. */
export const rowOwnerId = "u-1";

let counter = 0;

/**
 * A `sandbox_instances` row with a fresh id and sandbox id each call, ready, created and last
 * updated a minute before `now` and expiring an hour after it; `patch` overrides any column. `now`
 * is the real clock unless a test fixes it.
 */
export function sandboxRow(patch: Partial<SandboxInstance> = {}, now = Date.now()): SandboxInstance {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    user_id: rowOwnerId,
    project_id: null,
    sandbox_id: `sbx-${String(counter).padStart(12, "0")}`,
    status: "ready",
    container_id: "c-1",
    hot_path: "/home/agent",
    cold_path: "/data/cold",
    config: {},
    ttl_seconds: 7200,
    expires_at: new Date(now + 3600_000).toISOString(),
    last_heartbeat_at: null,
    stopped_at: null,
    stop_reason: null,
    created_at: new Date(now - 60_000).toISOString(),
    updated_at: new Date(now - 60_000).toISOString(),
    ...patch,
  };
}
