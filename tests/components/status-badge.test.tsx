import "./dom-shims.ts";
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { StatusBadge } from "../../components/sandbox/status-badge.tsx";
import { TooltipProvider } from "../../components/ui/tooltip.tsx";
import { sandboxStatuses } from "../../lib/orchestrator/contract.ts";

afterEach(cleanup);

const renderBadge = (props: Parameters<typeof StatusBadge>[0]) =>
  render(
    <TooltipProvider delayDuration={0}>
      <StatusBadge {...props} />
    </TooltipProvider>,
  );

describe("StatusBadge", () => {
  it("says every status in a word of its own with an icon, never colour alone", () => {
    const words = sandboxStatuses.map((status) => {
      const { container, unmount } = renderBadge({ status });
      expect(container.querySelector("svg")).toBeInTheDocument();
      const text = container.textContent;
      unmount();
      return text;
    });
    // Words a person reads (capitalised, never the API's `shutting_down`), no two statuses alike.
    for (const word of words) expect(word).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
    expect(new Set(words).size).toBe(sandboxStatuses.length);
    expect(words[sandboxStatuses.indexOf("shutting_down")]).toBe("Shutting down");
  });

  it("spins only while the status is on its way to another", () => {
    const spinning = sandboxStatuses.filter((status) => {
      const { container, unmount } = renderBadge({ status });
      const spins = container.querySelector("svg")!.classList.contains("animate-spin");
      unmount();
      return spins;
    });
    expect(spinning).toEqual(["creating", "starting", "shutting_down"]);
  });

  it("tells why and when an ended sandbox stopped, on keyboard focus", async () => {
    renderBadge({ status: "stopped", stopReason: "user_requested", stoppedAt: "2026-11-27T14:03:07Z" });
    await userEvent.setup().tab();
    expect(screen.getByText("Stopped")).toHaveFocus();
    const tooltip = await screen.findByRole("tooltip");
    expect(tooltip).toHaveTextContent("Stopped: stopped by you");
    expect(tooltip).toHaveTextContent("27 Nov 2026");
  });

  it("has no tooltip (and is not a tab stop) without a reason", async () => {
    renderBadge({ status: "ready" });
    await userEvent.setup().tab();
    expect(screen.getByText("Ready")).not.toHaveFocus();
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });
});
