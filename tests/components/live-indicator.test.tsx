import "./dom-shims.ts";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LiveIndicator } from "../../components/sandbox/live-indicator.tsx";
import { renderWithSandboxData } from "./render.tsx";

afterEach(cleanup);

describe("LiveIndicator", () => {
  it("announces the connection's state, not the time of every update", () => {
    renderWithSandboxData(<LiveIndicator />, { realtime: "live", lastUpdateAt: Date.parse("2026-12-07T10:00:05Z") });
    expect(screen.getByTestId("live-indicator").textContent).toMatch(/Live.*updated/);
    const live = screen.getAllByRole("status");
    expect(live.map((element) => element.textContent)).toEqual(["Live"]);
    expect(screen.getByTestId("live-indicator").closest('[aria-live], [role="status"]')).toBeNull();
  });
});
