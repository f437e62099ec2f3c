import "./dom-shims.ts";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Countdown } from "../../components/sandbox/countdown.tsx";
import { SandboxTable } from "../../components/sandbox/sandbox-row.tsx";
import { TooltipProvider } from "../../components/ui/tooltip.tsx";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { sandboxRow } from "../helpers/sandbox-row.ts";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

const now = Date.parse("2026-11-27T12:00:00Z");
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(now);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const noActions = () => ({
  pending: new Set<string>(),
  onStop: vi.fn(),
  onDelete: vi.fn(),
  onConfirmOpen: vi.fn(),
  returnFocus: () => null,
});

function renderTable(rows: SandboxInstance[], actions = noActions()) {
  render(
    <TooltipProvider>
      <SandboxTable rows={rows} actions={actions} caption="Sandboxes" projectNames={new Map([["p-1", "Billing"]])} />
    </TooltipProvider>,
  );
  return actions;
}

const minutes = (m: number) => new Date(now + m * 60_000).toISOString();

describe("sandbox rows", () => {
  it("show the id as the link that opens it, the status, the project and a countdown, then one action and a menu", async () => {
    const data = sandboxRow({ sandbox_id: "sbx-3f9a1c2b4d5e", project_id: "p-1", expires_at: minutes(42) }) as SandboxInstance;
    renderTable([data]);
    const row = screen.getByTestId("sandbox-row");
    expect(within(row).getByRole("link", { name: "sbx-3f9a1c2b4d5e" }).getAttribute("href")).toBe(`/dashboard/sandbox/${data.id}`);
    expect(within(row).getByText("Ready")).toBeInTheDocument();
    // Truncated when long: the whole name is in its title.
    expect(within(row).getByText("Billing").getAttribute("title")).toBe("Billing");
    expect(within(row).getByText("42 min 00 s left")).toBeInTheDocument();
    expect(
      within(row)
        .getAllByRole("button")
        .map((b) => b.getAttribute("aria-label")),
    ).toEqual(["Stop sbx-3f9a1c2b4d5e", "More actions for sbx-3f9a1c2b4d5e"]);
    // Three tab stops: the id, the action, the menu (no focusable times or badges).
    const focusable = row.querySelectorAll("a[href], button:not([disabled]), [tabindex]:not([tabindex='-1'])");
    expect(focusable).toHaveLength(3);
    // A click on the row's empty space opens it too.
    fireEvent.click(row.querySelectorAll("td")[2]!);
    expect(push).toHaveBeenCalledWith(`/dashboard/sandbox/${data.id}`);
  });

  it("say when and why an ended sandbox ended, and offer no stop", () => {
    renderTable([sandboxRow({ status: "failed", stopped_at: minutes(-5), stop_reason: "error" }) as SandboxInstance]);
    const row = screen.getByTestId("sandbox-row");
    expect(row.textContent).toContain("ended 5 min ago");
    expect(row.textContent).toContain("an error in the sandbox service");
    expect(within(row).queryByRole("button", { name: /^Stop/ })).not.toBeInTheDocument();
    expect(within(row).getByRole("button", { name: /^Delete/ })).toBeInTheDocument();
  });

  it("show a ready sandbox past its expiry as expired by the clock, before the sweeper writes it", () => {
    renderTable([sandboxRow({ status: "ready", expires_at: minutes(-0.5) }) as SandboxInstance]);
    const row = screen.getByTestId("sandbox-row");
    expect(row.getAttribute("data-status")).toBe("expired");
    expect(within(row).getByText("Expired")).toBeInTheDocument();
    expect(row.textContent).toContain("its lifetime ran out");
  });

  it("turn a ready sandbox expired when the clock reaches its expiry while the list is open", () => {
    renderTable([sandboxRow({ status: "ready", expires_at: minutes(1.5) }) as SandboxInstance]);
    const row = screen.getByTestId("sandbox-row");
    act(() => {
      vi.advanceTimersByTime(89_000);
    });
    expect(row.getAttribute("data-status")).toBe("ready");
    expect(within(row).getByRole("button", { name: /^Stop/ })).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(1_100);
    });
    expect(row.getAttribute("data-status")).toBe("expired");
    expect(within(row).getByText("Expired")).toBeInTheDocument();
    expect(within(row).queryByRole("button", { name: /^Stop/ })).not.toBeInTheDocument();
  });

  it("stop only after a confirmation that says what happens; pending disables the button", async () => {
    const row = sandboxRow({ sandbox_id: "sbx-00000000abcd" }) as SandboxInstance;
    const actions = renderTable([row]);
    fireEvent.click(screen.getByRole("button", { name: "Stop sbx-00000000abcd" }));
    const confirm = screen.getByRole("alertdialog");
    expect(confirm.textContent).toContain("destroys its container");
    expect(confirm.textContent).toContain("Nothing resumes");
    expect(actions.onStop).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(within(confirm).getByRole("button", { name: "Stop sandbox" }));
    });
    expect(actions.onStop).toHaveBeenCalledWith(row);

    cleanup();
    renderTable([row], { ...noActions(), pending: new Set([row.id]) });
    expect((screen.getByRole("button", { name: "Stop sbx-00000000abcd" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("delete (in the menu of a running one) asks first and says an active sandbox is killed before its record goes", async () => {
    const row = sandboxRow({ sandbox_id: "sbx-00000000beef" }) as SandboxInstance;
    const actions = renderTable([row]);
    fireEvent.keyDown(screen.getByRole("button", { name: "More actions for sbx-00000000beef" }), { key: "Enter" });
    fireEvent.click(within(screen.getByRole("menu")).getByRole("menuitem", { name: "Delete" }));
    const confirm = screen.getByRole("alertdialog");
    expect(confirm.textContent).toContain("killed first");
    await act(async () => {
      fireEvent.click(within(confirm).getByRole("button", { name: "Delete sandbox" }));
    });
    expect(actions.onDelete).toHaveBeenCalledWith(row);
  });
});

describe("Countdown", () => {
  it("ticks every second and turns amber under 15 minutes and red under 5", () => {
    const { container } = render(<Countdown expiresAt={minutes(15)} />);
    const span = () => container.querySelector("span")!;
    expect(span().textContent).toBe("15 min 00 s left");
    expect(span().dataset.tone).toBe("normal");
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(span().textContent).toBe("14 min 59 s left");
    expect(span().dataset.tone).toBe("warning");
    act(() => {
      vi.advanceTimersByTime(10 * 60_000);
    });
    expect(span().textContent).toBe("4 min 59 s left");
    expect(span().dataset.tone).toBe("danger");
    act(() => {
      vi.advanceTimersByTime(5 * 60_000);
    });
    expect(span().textContent).toBe("expiring");
  });
});
