import "./dom-shims.ts";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig, useSWRConfig, type Key, type ScopedMutator } from "swr";
import { SandboxLiveContext } from "../../hooks/use-sandbox-live.ts";
import { TooltipProvider } from "../../components/ui/tooltip.tsx";
import { createLiveStatusStore, type LiveStatus } from "../../lib/sandbox/realtime/live-status-store.ts";
import { fetchSandboxKey } from "../../lib/sandbox/cache/fetch-sandbox-key.ts";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";

/**
 * Renders with a fresh SWR cache, the real fetcher (fetch is the test's) and a realtime state given
 * by the test (no socket here). `mutate` writes to that cache, as realtime would.
 */
export function renderWithSandboxData(ui: ReactNode, status: Partial<LiveStatus> = {}) {
  const handle: { mutate?: ScopedMutator } = {};
  function Grab() {
    handle.mutate = useSWRConfig().mutate;
    return null;
  }
  const value = { userId: "u-1", activeLimit: 5, status: createLiveStatusStore({ realtime: "live", lastUpdateAt: null, ...status }) };
  const result = render(
    <SWRConfig value={{ provider: () => new Map(), fetcher: fetchSandboxKey, dedupingInterval: 0, shouldRetryOnError: false }}>
      <SandboxLiveContext.Provider value={value}>
        <TooltipProvider delayDuration={0}>
          <Grab />
          {ui}
        </TooltipProvider>
      </SandboxLiveContext.Provider>
    </SWRConfig>,
  );
  return { ...result, mutate: (key: Key, data: unknown) => handle.mutate!(key, data, { revalidate: false }) };
}

let counter = 0;
export function sandboxRow(patch: Partial<SandboxInstance> = {}): SandboxInstance {
  counter += 1;
  const now = Date.now();
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    user_id: "u-1",
    project_id: null,
    sandbox_id: `sbx-${String(counter).padStart(12, "0")}`,
    status: "ready" as const,
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
  } as SandboxInstance;
}

/** A JSON answer as the API gives it. */
export const answer = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
