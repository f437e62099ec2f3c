import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SandboxDetailView } from "../../components/sandbox/sandbox-detail-view.tsx";
import { SandboxListView } from "../../components/sandbox/sandbox-list-view.tsx";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));
// The terminal needs a canvas; it is not what this test is about.
vi.mock("../../components/terminal/terminal-panel-loader.tsx", () => ({ TerminalPanelLoader: () => null }));

const page = (instances: SandboxInstance[]) => ({
  instances,
  pagination: { total: instances.length, limit: 50, offset: 0, hasMore: false },
});

const requests: { url: string; method: string }[] = [];
beforeEach(() => {
  requests.length = 0;
  // The page's first reads and the stop or delete itself never answer: whatever the page shows
  // comes from the server's data and the click alone.
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) => {
    requests.push({ url, method: init?.method ?? "GET" });
    return new Promise<Response>(() => {});
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const rowStatus = (sandboxId: string) =>
  screen
    .queryAllByTestId("sandbox-row")
    .find((row) => row.getAttribute("data-sandbox-id") === sandboxId)
    ?.getAttribute("data-status");

async function confirm(button: string, confirmLabel: string) {
  fireEvent.click(screen.getByRole("button", { name: button }));
  await act(async () => {
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: confirmLabel }));
  });
}

function showList(rows: SandboxInstance[]) {
  const active = page(rows);
  renderWithSandboxData(
    <SandboxListView
      initial={{ filter: "all", q: "", sort: "created" }}
      fallback={{ capacity: active, active, ended: page([]), endedCount: page([]), failedCount: page([]) }}
      projects={[]}
    />,
  );
}

describe("stop and delete act on the server's rows before the page's first fetch has answered", () => {
  it("the list: a stopped row shows shutting down at once", async () => {
    const row = sandboxRow({ status: "ready" });
    showList([row, sandboxRow({ status: "ready" })]);
    await vi.waitFor(() => expect(requests.some((r) => r.method === "GET")).toBe(true));

    await confirm(`Stop ${row.sandbox_id}`, "Stop sandbox");

    expect(requests.some((r) => r.method === "PATCH")).toBe(true);
    await vi.waitFor(() => expect(rowStatus(row.sandbox_id)).toBe("shutting_down"));
  });

  it("the list: a deleted row is gone at once", async () => {
    const row = sandboxRow({ status: "stopped", stop_reason: "user", stopped_at: new Date().toISOString() });
    const other = sandboxRow({ status: "ready" });
    // The ended row is in the server's first page of the ended list (loaded in pages).
    renderWithSandboxData(
      <SandboxListView
        initial={{ filter: "all", q: "", sort: "created" }}
        fallback={{ capacity: page([other]), active: page([other]), ended: page([row]), endedCount: page([row]), failedCount: page([]) }}
        projects={[]}
      />,
    );
    expect(rowStatus(row.sandbox_id)).toBe("stopped");

    await confirm(`Delete ${row.sandbox_id}`, "Delete sandbox");

    expect(requests.some((r) => r.method === "DELETE")).toBe(true);
    await vi.waitFor(() => expect(rowStatus(row.sandbox_id)).toBeUndefined());
    expect(rowStatus(other.sandbox_id)).toBe("ready");
  });

  it("the detail page: stopping shows shutting down at once", async () => {
    const row = sandboxRow({ status: "ready" });
    renderWithSandboxData(<SandboxDetailView initial={row} projectName={null} />);
    expect(screen.getByRole("heading", { level: 1 }).parentElement!.querySelector("[data-status]")?.getAttribute("data-status")).toBe(
      "ready",
    );

    await confirm(`Stop ${row.sandbox_id}`, "Stop sandbox");

    expect(requests.some((r) => r.method === "PATCH")).toBe(true);
    const badge = () => screen.getByRole("heading", { level: 1 }).parentElement!.querySelector("[data-status]");
    await vi.waitFor(() => expect(badge()?.getAttribute("data-status")).toBe("shutting_down"));
  });
});
