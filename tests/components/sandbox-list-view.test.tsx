import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SandboxListView, type ListFallback } from "../../components/sandbox/sandbox-list-view.tsx";
import type { ListPageState } from "../../lib/sandbox/list-view-params.ts";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

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
    expect(screen.getByTestId("empty-first-run")).toBeInTheDocument();
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
    expect(screen.getByTestId("empty-no-match")).toBeInTheDocument();
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
    expect(await screen.findByTestId("empty-first-run")).toBeInTheDocument();
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
    expect(screen.getByRole("button", { name: "Load more" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "All 53" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Failed 7" })).toBeInTheDocument();
    expect(screen.getByTestId("capacity-meter").textContent).toContain("2 of 5 active");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Ended 51" }));
    });
    expect(window.location.search).toBe("?view=ended");
    expect(screen.queryByTestId("section-active")).not.toBeInTheDocument();
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

describe("the In transition filter (the dashboard tile's link)", () => {
  it("shows exactly the sandboxes in a transitional status, with their count on its chip, and follows the URL", async () => {
    const active = [
      sandboxRow({ status: "ready" }),
      sandboxRow({ status: "creating" }),
      sandboxRow({ status: "starting" }),
      sandboxRow({ status: "running" }),
      sandboxRow({ status: "shutting_down" }),
    ];
    const ended = [sandboxRow({ status: "stopped" })];
    window.history.replaceState(null, "", "/dashboard/sandbox?view=transition");
    const fallback = { capacity: page(active), active: page(active), ended: page(ended), endedCount: page(ended), failedCount: empty };
    show({ ...allState, filter: "transition" }, fallback);
    const chip = screen.getByRole("button", { name: "In transition 3" });
    expect(chip.getAttribute("aria-pressed")).toBe("true");
    const shown = Array.from(screen.getByTestId("section-active").querySelectorAll<HTMLElement>('[data-testid="sandbox-row"]'));
    expect(shown.map((row) => row.dataset.status)).toEqual(["creating", "starting", "shutting_down"]);
    expect(screen.getByRole("heading", { name: "In transition (3)" })).toBeInTheDocument();
    expect(screen.queryByTestId("section-ended")).not.toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Active 5" }));
    });
    expect(window.location.search).toBe("?view=active");
    expect(screen.getByTestId("section-active").querySelectorAll('[data-testid="sandbox-row"]')).toHaveLength(5);
    await act(async () => {
      fireEvent.click(chip);
    });
    expect(window.location.search).toBe("?view=transition");
  });

  it("says so when nothing is in transition", () => {
    const active = [sandboxRow({ status: "ready" })];
    show(
      { ...allState, filter: "transition" },
      { capacity: page(active), active: page(active), ended: empty, endedCount: empty, failedCount: empty },
    );
    expect(screen.getByTestId("section-active").textContent).toContain("Nothing is starting or shutting down · 1 active");
  });
});

describe("the meter and the Active count agree", () => {
  it("says how many of the listed active sandboxes are shutting down and no longer count", () => {
    const active = [sandboxRow({ status: "ready" }), sandboxRow({ status: "running" }), sandboxRow({ status: "shutting_down" })];
    show(allState, { capacity: page(active), active: page(active), ended: empty, endedCount: empty, failedCount: empty });
    expect(screen.getByRole("button", { name: "Active 3" })).toBeInTheDocument();
    expect(screen.getByTestId("capacity-meter").textContent).toBe("2 of 5 active · 1 shutting down");
  });
});

/** A fake API over an array of rows: GET lists filter by status and page by limit/offset; DELETE removes. */
let served = 0;
function serve(rows: SandboxInstance[]) {
  served = 0;
  getAnswer = async () => answer(500, {});
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    const parsed = new URL(url, "http://localhost");
    if (init.method === "DELETE") {
      const id = parsed.pathname.split("/").pop();
      rows.splice(
        rows.findIndex((row) => row.id === id),
        1,
      );
      return new Response(null, { status: 204 });
    }
    served += 1;
    const statuses = (parsed.searchParams.get("status") ?? "").split(",").filter(Boolean);
    const limit = Number(parsed.searchParams.get("limit") ?? 50);
    const offset = Number(parsed.searchParams.get("offset") ?? 0);
    const matching = rows.filter((row) => statuses.length === 0 || statuses.includes(row.status));
    const instances = matching.slice(offset, offset + limit);
    return answer(200, {
      instances,
      pagination: { total: matching.length, limit, offset, hasMore: offset + instances.length < matching.length },
    });
  });
}

const wait = { timeout: 5_000 };
const chip = (name: RegExp) => screen.getByRole("button", { name });

async function confirmDelete(sandboxId: string) {
  const trigger = screen.getByRole("button", { name: `Delete ${sandboxId}` });
  trigger.focus();
  fireEvent.click(trigger);
  await act(async () => {
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete sandbox" }));
  });
}

describe("the list after the user's own actions", () => {
  it("every count follows a delete, down to the first-run screen, and focus moves to the next row, then the heading", async () => {
    const [a, b] = [sandboxRow({ status: "stopped" }), sandboxRow({ status: "failed" })];
    serve([a!, b!]);
    const one = (rows: SandboxInstance[], total: number) => ({
      instances: rows,
      pagination: { total, limit: 1, offset: 0, hasMore: rows.length < total },
    });
    show(allState, { capacity: empty, active: empty, ended: page([a!, b!]), endedCount: one([a!], 2), failedCount: one([b!], 1) });
    // The page's first reads have been answered: what changes the counts now is the delete alone.
    await vi.waitFor(() => expect(served).toBe(4), wait);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(chip(/^Ended/).textContent).toBe("Ended 2");

    // b is not among the rows the Ended count list holds: its total must drop all the same.
    await confirmDelete(b!.sandbox_id);
    await vi.waitFor(() => expect(chip(/^Ended/).textContent).toBe("Ended 1"), wait);
    expect(chip(/^Failed/).textContent).toBe("Failed 0");
    expect(chip(/^All/).textContent).toBe("All 1");
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe(a!.sandbox_id), wait);

    await confirmDelete(a!.sandbox_id);
    await vi.waitFor(() => expect(screen.getByTestId("empty-first-run")).toBeInTheDocument(), wait);
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { level: 1 })), wait);
  }, 20_000);

  it("Cancel puts focus back on the button that opened the confirmation", async () => {
    const a = sandboxRow({ status: "stopped" });
    serve([a]);
    show(allState, { capacity: empty, active: empty, ended: page([a]), endedCount: page([a]), failedCount: empty });
    const trigger = screen.getByRole("button", { name: `Delete ${a.sandbox_id}` });
    trigger.focus();
    fireEvent.click(trigger);
    await act(async () => {
      fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel" }));
    });
    await vi.waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(), wait);
    await vi.waitFor(
      () => expect(document.activeElement?.closest("[data-sandbox-id]")?.getAttribute("data-sandbox-id")).toBe(a.sandbox_id),
      wait,
    );
    expect(document.activeElement).not.toBe(document.body);
  }, 20_000);

  it("Load more of the last page moves focus to the first row it brought", async () => {
    const rows = Array.from({ length: 53 }, () => sandboxRow({ status: "stopped" }));
    serve(rows);
    show(allState, {
      capacity: empty,
      active: empty,
      ended: page(rows.slice(0, 50), 53),
      endedCount: page(rows.slice(0, 1), 53),
      failedCount: empty,
    });
    const more = screen.getByRole("button", { name: "Load more" }) as HTMLButtonElement;
    // Disabled while the first page is being read again.
    await vi.waitFor(() => expect(more.disabled).toBe(false), wait);
    more.focus();
    await act(async () => {
      fireEvent.click(more);
    });
    await vi.waitFor(() => expect(screen.getByTestId("ended-shown").textContent).toBe("Showing 53 of 53"), wait);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe(rows[50]!.sandbox_id), wait);
  }, 20_000);
});
