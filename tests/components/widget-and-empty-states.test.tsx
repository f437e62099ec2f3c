import "./dom-shims.ts";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SandboxSummaryWidget, summarize } from "../../components/dashboard/sandbox-summary-widget.tsx";
import { FirstRunEmpty, ListErrorState, NoMatchEmpty, NothingActiveEmpty } from "../../components/sandbox/empty-states.tsx";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const now = Date.now();
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
const page = (instances: SandboxInstance[]) => ({
  instances,
  pagination: { total: instances.length, limit: 100, offset: 0, hasMore: false },
});

let getAnswer: (url: string) => Promise<Response>;
beforeEach(() => {
  vi.stubGlobal("fetch", (url: string) => getAnswer(url));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("summarize", () => {
  it("counts active (by the clock), in transition, the soonest expiry, those within 30 min and failures of the last 24 h", () => {
    const active = [
      sandboxRow({ status: "ready", expires_at: at(20) }),
      sandboxRow({ status: "running", expires_at: at(25) }),
      sandboxRow({ status: "starting", expires_at: at(120) }),
      sandboxRow({ status: "ready", expires_at: at(-1) }), // expired by the clock
      sandboxRow({ status: "shutting_down", expires_at: at(5) }), // not counted against the limit
    ] as SandboxInstance[];
    const failed = [
      sandboxRow({ status: "failed", stopped_at: at(-60) }),
      sandboxRow({ status: "failed", stopped_at: at(-25 * 60) }),
    ] as SandboxInstance[];
    const s = summarize(active, failed, now);
    expect(s).toEqual({ active: 3, inTransition: 2, soonest: Date.parse(at(20)), within30: 2, failed24h: 1 });
  });
});

describe("SandboxSummaryWidget", () => {
  it("shows the counts from the cache and a create button and a link to the list", () => {
    getAnswer = () => new Promise(() => {});
    renderWithSandboxData(
      <SandboxSummaryWidget
        projects={[]}
        fallback={{
          active: page([sandboxRow({ status: "ready", expires_at: at(20) }), sandboxRow({ status: "creating", expires_at: null })]),
          failed: page([sandboxRow({ status: "failed", stopped_at: at(-10) })]),
        }}
      />,
    );
    expect(screen.getByTestId("widget-active").textContent).toBe("2 of 5");
    expect(screen.getByTestId("widget-transition").textContent).toBe("1");
    expect(screen.getByTestId("widget-soonest").textContent).toMatch(/^(19|20) min \d\d s left1 within 30 min$/);
    expect(screen.getByTestId("widget-failed").textContent).toBe("1");
    // The tiles open the list filtered to what they count.
    expect(screen.getByRole("link", { name: /see the failed ones/ }).getAttribute("href")).toBe("/dashboard/sandbox?view=failed");
    expect(screen.getByRole("link", { name: /see the ones in transition/ }).getAttribute("href")).toBe(
      "/dashboard/sandbox?view=transition",
    );
    expect(screen.getByRole("button", { name: "New sandbox" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "View all" }).getAttribute("href")).toBe("/dashboard/sandbox");
  });

  it("disables New sandbox at the limit, saying why", () => {
    getAnswer = () => new Promise(() => {});
    const five = Array.from({ length: 5 }, () => sandboxRow({ status: "ready" }));
    renderWithSandboxData(<SandboxSummaryWidget projects={[]} fallback={{ active: page(five), failed: page([]) }} />);
    expect(screen.getByTestId("widget-active").textContent).toBe("5 of 5");
    expect((screen.getByRole("button", { name: "New sandbox" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/the most allowed/)).toBeInTheDocument();
  });

  it("shows a skeleton while loading", () => {
    getAnswer = () => new Promise(() => {});
    renderWithSandboxData(<SandboxSummaryWidget projects={[]} fallback={{}} />);
    expect(screen.getByRole("status", { name: "Loading the sandbox summary" })).toBeInTheDocument();
    expect(screen.queryByTestId("widget-active")).not.toBeInTheDocument();
  });

  it("shows a visible error with the API's message, and retries", async () => {
    getAnswer = async () => answer(500, { error: { code: "internal", message: "Could not list sandboxes." } });
    renderWithSandboxData(<SandboxSummaryWidget projects={[]} fallback={{}} />);
    const error = await screen.findByTestId("widget-error");
    expect(error.textContent).toContain("Could not list sandboxes.");
    getAnswer = async (url) => answer(200, page(url.includes("failed") ? [] : [sandboxRow({ status: "ready" })]));
    await act(async () => {
      fireEvent.click(within(error).getByRole("button", { name: "Try again" }));
    });
    expect((await screen.findByTestId("widget-active")).textContent).toBe("1 of 5");
  });
});

describe("empty states", () => {
  it("first run: what a sandbox is, the limit, and a create button", () => {
    render(<FirstRunEmpty limit={5} createButton={<button type="button">New sandbox</button>} />);
    const section = screen.getByTestId("empty-first-run");
    expect(section.textContent).toContain("No sandboxes yet");
    expect(section.textContent).toContain("short-lived container");
    expect(section.textContent).toContain("up to 5 active");
    expect(within(section).getByRole("button", { name: "New sandbox" })).toBeInTheDocument();
  });

  it("no match: a reset", () => {
    const onReset = vi.fn();
    render(<NoMatchEmpty onReset={onReset} />);
    fireEvent.click(screen.getByRole("button", { name: "Reset filters" }));
    expect(onReset).toHaveBeenCalled();
  });

  it("nothing active: says how many ended", () => {
    render(<NothingActiveEmpty endedCount={4} createButton={null} onShowEnded={() => {}} />);
    expect(screen.getByTestId("empty-nothing-active").textContent).toContain("No active sandboxes · 4 ended");
  });

  it("error: the API's message and a retry", () => {
    const onRetry = vi.fn();
    render(<ListErrorState message="Could not list sandboxes." onRetry={onRetry} />);
    expect(screen.getByRole("alert").textContent).toContain("Could not list sandboxes.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalled();
  });
});
