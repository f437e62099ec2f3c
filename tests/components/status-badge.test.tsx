import "./dom-shims.ts";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StatusBadge } from "../../components/sandbox/status-badge.tsx";
import { TooltipProvider } from "../../components/ui/tooltip.tsx";
import { sandboxStatuses } from "../../lib/orchestrator/contract.ts";
import { statusLabels } from "../../lib/sandbox/format.ts";

afterEach(cleanup);

const renderBadge = (props: Parameters<typeof StatusBadge>[0]) =>
  render(
    <TooltipProvider delayDuration={0}>
      <StatusBadge {...props} />
    </TooltipProvider>,
  );

describe("StatusBadge", () => {
  it("says every status in words with an icon, never colour alone", () => {
    for (const status of sandboxStatuses) {
      const { container, unmount } = renderBadge({ status });
      expect(container.textContent).toBe(statusLabels[status]);
      expect(container.querySelector("svg")).not.toBeNull();
      unmount();
    }
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
    const badge = screen.getByText("Stopped");
    expect(badge.tabIndex).toBe(0);
    await act(async () => {
      fireEvent.focus(badge);
    });
    const tooltip = await screen.findByRole("tooltip");
    expect(tooltip.textContent).toContain("Stopped: stopped by you");
    expect(tooltip.textContent).toContain("27 Nov 2026");
  });

  it("has no tooltip (and is not a tab stop) without a reason", () => {
    renderBadge({ status: "ready" });
    expect(screen.getByText("Ready").tabIndex).toBe(-1);
  });
});
