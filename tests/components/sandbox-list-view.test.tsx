import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SandboxListView, type ListFallback } from "../../components/sandbox/sandbox-list-view.tsx";
import type { ListPageState } from "../../lib/sandbox/list-view-params.ts";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { answer, renderWithSandboxData, sandboxRow } from "./render.tsx";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const page = (instances: SandboxInstance[], total = instances.length) => ({
  instances,
  pagination: { total, limit: 50, offset: 0, hasMore: instances.length < total },
});
const empty = page([]);
const allState: ListPageState = { filter: "all", q: "", sort: "created" };

let getAnswer: (url: string) => Promise<Response>;
beforeEach(() => {
  getAnswer = () => new Promise(() => {});
  vi.stubGlobal("fetch", (url: string) => getAnswer(url));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const show = (initial: ListPageState, fallback: ListFallback) =>
  renderWithSandboxData(<SandboxListView initial={initial} fallback={fallback} projects={[]} />);

describe("the list page's states", () => {
  it("first run: no sandbox at all", () => {
    show(allState, { capacity: empty, active: empty, ended: empty, endedCount: empty, failedCount: empty });
    expect(screen.getByTestId("empty-first-run")).toBeTruthy();
    expect(screen.getByTestId("capacity-meter").textContent).toContain("0 of 5 active");
  });

  it("nothing active: says how many ended", () => {
    const ended = [sandboxRow({ status: "stopped" }), sandboxRow({ status: "failed" })];
    show(
      { ...allState, filter: "active" },
      { capacity: empty, active: empty, ended: page(ended), endedCount: page(ended.slice(0, 1), 4), failedCount: page([], 1) },
    );
    expect(screen.getByTestId("empty-nothing-active").textContent).toContain("No active sandboxes · 4 ended");
  });

  it("no match: a search that finds nothing offers a reset, which clears the URL too", async () => {
    window.history.replaceState(null, "", "/dashboard/sandbox?q=zzz");
    show({ ...allState, q: "zzz" }, { capacity: empty, active: empty, ended: empty, endedCount: empty, failedCount: empty });
    expect(screen.getByTestId("empty-no-match")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Reset filters" }));
    });
    expect(window.location.search).toBe("");
  });

  it("error: the API's message and a retry that loads the list", async () => {
    getAnswer = async () => answer(503, { error: { code: "auth_unavailable", message: "Sign-in could not be checked." } });
    show(allState, {});
    expect((await screen.findByTestId("list-error")).textContent).toContain("Sign-in could not be checked.");
    getAnswer = async () => answer(200, empty);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    });
    expect(await screen.findByTestId("empty-first-run")).toBeTruthy();
  });

  it("rows: both sections with counts on the chips, Load more with the total, the view written to the URL", async () => {
    const active = [sandboxRow({ status: "ready" }), sandboxRow({ status: "creating" })];
    const ended = [sandboxRow({ status: "stopped" })];
    show(allState, {
      capacity: page(active),
      active: page(active),
      ended: page(ended, 51),
      endedCount: page(ended, 51),
      failedCount: page([], 7),
    });
    expect(screen.getByTestId("section-active").querySelectorAll('[data-testid="sandbox-row"]')).toHaveLength(2);
    expect(screen.getByTestId("ended-shown").textContent).toBe("Showing 1 of 51");
    expect(screen.getByRole("button", { name: "Load more" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "All (53)" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Failed (7)" })).toBeTruthy();
    expect(screen.getByTestId("capacity-meter").textContent).toContain("2 of 5 active");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Ended (51)" }));
    });
    expect(window.location.search).toBe("?view=ended");
    expect(screen.queryByTestId("section-active")).toBeNull();
  });

  it("capacity: a sandbox past its expiry holds no slot, even before anything ends it, and one leaves it when its time is up", async () => {
    const soon = new Date(Date.now() + 300).toISOString();
    const active = [
      sandboxRow({ status: "ready", expires_at: new Date(Date.now() - 1000).toISOString() }),
      sandboxRow({ status: "running", expires_at: soon }),
      ...Array.from({ length: 3 }, () => sandboxRow({ status: "ready" })),
    ];
    show(allState, { capacity: page(active), active: page(active), ended: empty, endedCount: empty, failedCount: empty });
    expect(screen.getByTestId("capacity-meter").textContent).toContain("4 of 5 active");
    expect((screen.getAllByRole("button", { name: "New sandbox" })[0] as HTMLButtonElement).disabled).toBe(false);
    await waitFor(() => expect(screen.getByTestId("capacity-meter").textContent).toContain("3 of 5 active"), { timeout: 5_000 });
  });
});
