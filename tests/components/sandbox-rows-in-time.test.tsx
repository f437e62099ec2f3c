import "./dom-shims.ts";
import { act, cleanup, render, screen } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SWRConfig, useSWRConfig, type Cache, type ScopedMutator } from "swr";
import { SandboxLiveContext } from "../../hooks/use-sandbox-live.ts";
import { useSandboxList } from "../../hooks/use-sandboxes.ts";
import { fetchSandboxKey } from "../../lib/sandbox/cache/fetch-sandbox-key.ts";
import { keepNewerRows } from "../../lib/sandbox/cache/keep-newer-rows.ts";
import { sandboxKeys } from "../../lib/sandbox/cache/sandbox-keys.ts";
import { writeChangeToCache } from "../../lib/sandbox/cache/write-change-to-cache.ts";
import { createLiveStatusStore } from "../../lib/sandbox/realtime/live-status-store.ts";
import type { SandboxInstance, SandboxListPage } from "../../lib/sandbox/types.ts";
import { answer } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

const page = (instances: SandboxInstance[]): SandboxListPage => ({
  instances,
  pagination: { total: instances.length, limit: 50, offset: 0, hasMore: false },
});
const key = sandboxKeys.list({ status: ["ready", "running"] });

function Row({ fallback }: { fallback: SandboxListPage }) {
  const { data } = useSandboxList(key, fallback);
  return <p data-testid="status">{data?.instances[0]?.status}</p>;
}

const pending: Array<(response: Response) => void> = [];
beforeEach(() => {
  pending.length = 0;
  vi.stubGlobal("fetch", () => new Promise<Response>((resolve) => pending.push(resolve)));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("rows never go back in time", () => {
  it("an event that lands while the list's first fetch is under way is not undone by that fetch's older answer", async () => {
    const ready = sandboxRow({ status: "ready", updated_at: "2026-11-27T10:00:01Z" });
    const running = { ...ready, status: "running" as const, updated_at: "2026-11-27T10:00:02Z" };
    const handle: { cache?: Cache; mutate?: ScopedMutator } = {};
    function Grab() {
      const config = useSWRConfig();
      useEffect(() => {
        handle.cache = config.cache;
        handle.mutate = config.mutate;
      });
      return null;
    }
    render(
      <SWRConfig value={{ provider: () => new Map(), fetcher: fetchSandboxKey, use: [keepNewerRows], dedupingInterval: 0 }}>
        <SandboxLiveContext.Provider
          value={{ userId: "u-1", activeLimit: 5, status: createLiveStatusStore({ realtime: "live", lastUpdateAt: null }) }}
        >
          <Grab />
          <Row fallback={page([ready])} />
        </SandboxLiveContext.Provider>
      </SWRConfig>,
    );
    await vi.waitFor(() => expect(pending.length).toBe(1));
    // The API read the row before the update; the update's realtime event arrives before that answer.
    act(() => writeChangeToCache(handle.cache!, handle.mutate!, { type: "upsert", row: running }));
    await act(async () => pending.shift()!(answer(200, page([ready]))));
    // Any request started after the event reads the database as it is now.
    vi.stubGlobal("fetch", () => Promise.resolve(answer(200, page([running]))));
    await act(async () => pending.splice(0).forEach((resolve) => resolve(answer(200, page([running])))));
    await vi.waitFor(() => expect(screen.getByTestId("status").textContent).toBe("running"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByTestId("status").textContent).toBe("running");
  });
});
