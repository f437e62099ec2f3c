import "./dom-shims.ts";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { SWRConfig, useSWRConfig, type Key, type ScopedMutator } from "swr";
import { SandboxLiveContext } from "../../hooks/use-sandbox-live.ts";
import { TooltipProvider } from "../../components/ui/tooltip.tsx";
import { createLiveStatusStore, type LiveStatus } from "../../lib/sandbox/realtime/live-status-store.ts";
import { fetchSandboxKey } from "../../lib/sandbox/cache/fetch-sandbox-key.ts";
import { rowOwnerId } from "../helpers/sandbox-row.ts";

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
  const value = { userId: rowOwnerId, activeLimit: 5, status: createLiveStatusStore({ realtime: "live", lastUpdateAt: null, ...status }) };
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

/** A JSON answer as the API gives it. */
export const answer = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
