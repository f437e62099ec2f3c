import "./dom-shims.ts";
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SandboxListView } from "../../components/sandbox/sandbox-list-view.tsx";
import { noteServerDate } from "../../lib/sandbox/server-clock.ts";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const localNow = Date.parse("2026-11-27T12:00:00Z");
const inMinutes = (m: number) => new Date(localNow + m * 60_000).toISOString();
const page = (instances: SandboxInstance[]) => ({
  instances,
  pagination: { total: instances.length, limit: 50, offset: 0, hasMore: false },
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(localNow);
  // Each test starts with the clocks agreeing (the module keeps the offset it last measured).
  noteServerDate(new Date(localNow).toUTCString());
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/**
 * The list page with two ready sandboxes, 5 and 20 minutes from expiring by the local clock. The
 * API's answer (with the given Date header) adds a third row, so the test knows it has been read.
 */
async function showListAnsweredWith(dateHeader: string | null) {
  const soon = sandboxRow({ status: "ready", sandbox_id: "sbx-00000000050a", expires_at: inMinutes(5) });
  const later = sandboxRow({ status: "ready", sandbox_id: "sbx-00000000200a", expires_at: inMinutes(20) });
  const marker = sandboxRow({ status: "running", sandbox_id: "sbx-0000000000ff", expires_at: inMinutes(60) });
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (dateHeader !== null) headers.Date = dateHeader;
  vi.stubGlobal("fetch", async (url: string) => {
    const body = decodeURIComponent(url).includes("status=creating") ? page([soon, later, marker]) : page([]);
    return new Response(JSON.stringify(body), { status: 200, headers });
  });
  const active = page([soon, later]);
  renderWithSandboxData(
    <SandboxListView
      initial={{ filter: "active", q: "", sort: "created" }}
      fallback={{ capacity: active, active, ended: page([]), endedCount: page([]), failedCount: page([]) }}
      projects={[]}
    />,
  );
  const row = (id: string) => screen.getAllByTestId("sandbox-row").find((el) => el.getAttribute("data-sandbox-id") === id)!;
  // Before any answer, the local clock rules.
  expect(row(soon.sandbox_id).getAttribute("data-status")).toBe("ready");
  expect(within(row(soon.sandbox_id)).getByText("5 min 00 s left")).toBeInTheDocument();
  await vi.waitFor(() => expect(row(marker.sandbox_id)).toBeInTheDocument());
  return { soon: () => row(soon.sandbox_id), later: () => row(later.sandbox_id) };
}

describe("clock skew, corrected with the API's Date header", () => {
  it("a server 10 minutes ahead: a sandbox 5 minutes from expiring by the local clock shows expired, countdowns use server time", async () => {
    const rows = await showListAnsweredWith(new Date(localNow + 10 * 60_000).toUTCString());
    await vi.waitFor(() => expect(rows.soon().getAttribute("data-status")).toBe("expired"));
    expect(within(rows.soon()).getByText("Expired")).toBeInTheDocument();
    // 20 minutes local is 10 by the server (less the half second the header's truncation is worth).
    expect(within(rows.later()).getByText("9 min 59 s left")).toBeInTheDocument();
    expect(rows.later().getAttribute("data-status")).toBe("ready");
  });

  it("no Date header: nothing shifts", async () => {
    const rows = await showListAnsweredWith(null);
    expect(rows.soon().getAttribute("data-status")).toBe("ready");
    expect(within(rows.soon()).getByText("5 min 00 s left")).toBeInTheDocument();
    expect(within(rows.later()).getByText("20 min 00 s left")).toBeInTheDocument();
  });

  it("a malformed Date header is ignored", async () => {
    const rows = await showListAnsweredWith("not a date");
    expect(rows.soon().getAttribute("data-status")).toBe("ready");
    expect(within(rows.soon()).getByText("5 min 00 s left")).toBeInTheDocument();
    expect(within(rows.later()).getByText("20 min 00 s left")).toBeInTheDocument();
  });
});
