import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CreateSandboxButton } from "../../components/sandbox/create-sandbox-button.tsx";
import { sandboxKeys } from "../../lib/sandbox/cache/sandbox-keys.ts";
import { person } from "./person.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

/** The API as fetch sees it: each test says what POST /api/sandbox answers; GETs answer the list. */
let createAnswer: () => Promise<Response>;
const requests: { method: string; url: string; body: unknown }[] = [];
beforeEach(() => {
  requests.length = 0;
  push.mockReset();
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    requests.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (method === "POST") return createAnswer();
    return answer(200, { instances: [], pagination: { total: 0, limit: 100, offset: 0, hasMore: false } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const projects = [{ id: "11111111-1111-4111-8111-111111111111", name: "Billing" }];

async function openDialog() {
  const view = renderWithSandboxData(<CreateSandboxButton projects={projects} />);
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "New sandbox" }));
  });
  return { ...view, dialog: screen.getByRole("dialog", { name: "New sandbox" }) };
}

async function submit(dialog: HTMLElement) {
  await act(async () => {
    fireEvent.click(within(dialog).getByRole("button", { name: /Create sandbox|Try again/ }));
    // The form's check and the API client fetch the request schemas with import() (not in the page's first load).
    await vi.dynamicImportSettled();
  });
}

const posts = () => requests.filter((r) => r.method === "POST");

const { typeInto, pasteInto, choose } = person();

describe("create dialog: validation before sending", () => {
  it("refuses a custom lifetime out of range, JSON that does not parse and reserved config keys, sending nothing", async () => {
    const { dialog } = await openDialog();
    fireEvent.click(within(dialog).getByLabelText("Custom"));
    await typeInto(within(dialog).getByLabelText(/Seconds/), "30");
    await submit(dialog);
    expect(dialog.textContent).toContain("Must be at least 60 seconds");

    await typeInto(within(dialog).getByLabelText(/Seconds/), "90000");
    await submit(dialog);
    expect(dialog.textContent).toMatch(/Must be at most 86400 seconds/);

    await typeInto(within(dialog).getByLabelText(/Seconds/), "600");
    await pasteInto(within(dialog).getByLabelText(/A JSON object/), "{not json");
    await submit(dialog);
    expect(dialog.textContent).toContain("Not valid JSON");

    await pasteInto(within(dialog).getByLabelText(/A JSON object/), '{"dashboard_reservation_id": "x"}');
    await submit(dialog);
    expect(dialog.textContent).toMatch(/must not set ttl_seconds or dashboard_reservation_id/i);

    await pasteInto(within(dialog).getByLabelText(/A JSON object/), JSON.stringify({ blob: "x".repeat(17 * 1024) }));
    await submit(dialog);
    expect(dialog.textContent).toMatch(/at most 16 KB/);
    expect(posts()).toHaveLength(0);
  });

  it("shows every problem at once, each tied to its field, announced, with focus on the first", async () => {
    const { dialog } = await openDialog();
    fireEvent.click(within(dialog).getByLabelText("Custom"));
    await typeInto(within(dialog).getByLabelText(/Seconds/), "5");
    await pasteInto(within(dialog).getByLabelText(/A JSON object/), "{not json");
    await submit(dialog);
    const alert = within(dialog).getByTestId("create-errors");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("2 problems to fix");
    expect(alert.textContent).toContain("Must be at least 60 seconds");
    expect(alert.textContent).toContain("Not valid JSON");
    const seconds = within(dialog).getByLabelText(/Seconds/);
    const config = within(dialog).getByLabelText(/A JSON object/);
    for (const [field, text] of [
      [seconds, "Must be at least 60 seconds"],
      [config, "Not valid JSON"],
    ] as const) {
      expect(field.getAttribute("aria-invalid")).toBe("true");
      expect(document.getElementById(field.getAttribute("aria-describedby")!)!.textContent).toContain(text);
    }
    expect(document.activeElement).toBe(seconds);
    expect(posts()).toHaveLength(0);
  });

  it("sends the chosen preset, project and config as the API's body", async () => {
    createAnswer = () => new Promise(() => {});
    const { dialog } = await openDialog();
    fireEvent.click(within(dialog).getByLabelText("8 h"));
    await choose(within(dialog).getByLabelText(/Project/), projects[0]!.id);
    await pasteInto(within(dialog).getByLabelText(/A JSON object/), '{"purpose": "test"}');
    await submit(dialog);
    expect(posts()).toEqual([
      { method: "POST", url: "/api/sandbox", body: { ttl_seconds: 28_800, project_id: projects[0]!.id, config: { purpose: "test" } } },
    ]);
  });

  it("sends one request for a double click, even while the check is still loading its schema", async () => {
    createAnswer = () => new Promise(() => {});
    const { dialog } = await openDialog();
    await act(async () => {
      const button = within(dialog).getByRole("button", { name: "Create sandbox" });
      fireEvent.click(button);
      fireEvent.click(button);
      await vi.dynamicImportSettled();
    });
    expect(posts()).toHaveLength(1);
  });
});

describe("create dialog: progress", () => {
  it("shows creating → starting → ready from the row realtime brings, with the elapsed time, and goes to the sandbox", async () => {
    let finish: (response: Response) => void = () => {};
    createAnswer = () => new Promise((resolve) => (finish = resolve));
    const { dialog, mutate } = await openDialog();
    await submit(dialog);
    const progress = within(dialog).getByTestId("create-progress");
    expect(progress.textContent).toContain("elapsed");
    expect(progress.textContent).toContain("continues in the background");
    expect(progress.querySelector('[data-step="creating"]')!.getAttribute("data-state")).toBe("current");

    const row = sandboxRow({ status: "creating", created_at: new Date().toISOString(), sandbox_id: "sbx-0000000c0ffe" });
    const page = (status: string) => ({ instances: [{ ...row, status }], pagination: { total: 1, limit: 100, offset: 0, hasMore: false } });
    await act(async () => {
      await mutate(sandboxKeys.active(), page("starting"));
    });
    expect(progress.textContent).toContain("sbx-0000000c0ffe");
    expect(progress.querySelector('[data-step="creating"]')!.getAttribute("data-state")).toBe("done");
    expect(progress.querySelector('[data-step="starting"]')!.getAttribute("data-state")).toBe("current");
    // No fake row: the list holds only what the API or realtime gave it.

    await act(async () => {
      finish(answer(201, { instance: { ...row, status: "ready" } }));
    });
    expect(push).toHaveBeenCalledWith(`/dashboard/sandbox/${row.id}`);
  });
});

describe("create dialog: errors stay in place", () => {
  const failWith = (status: number, code: string, message: string, details?: unknown) => {
    createAnswer = async () => answer(status, { error: { code, message, details } });
  };

  it("puts the API's field errors under their fields", async () => {
    failWith(400, "validation", "project_id is not one of your projects", {
      fields: [{ field: "project_id", message: "is not one of your projects" }],
    });
    const { dialog } = await openDialog();
    await submit(dialog);
    expect(dialog.textContent).toContain("Is not one of your projects");
    expect(
      within(dialog)
        .getByLabelText(/Project/)
        .getAttribute("aria-invalid"),
    ).toBe("true");
  });

  it("explains the active limit and links to the active list", async () => {
    failWith(429, "limit_reached", "You already have 5 active sandboxes.", { limit: 5 });
    const { dialog } = await openDialog();
    await submit(dialog);
    const alert = within(dialog).getByRole("alert");
    expect(alert.textContent).toContain("You already have 5 active sandboxes.");
    expect(within(alert).getByRole("link", { name: "See your active sandboxes" }).getAttribute("href")).toBe(
      "/dashboard/sandbox?view=active",
    );
  });

  it("does not promise a create the sandbox service never took (502 orchestrator_unavailable) may appear", async () => {
    failWith(502, "orchestrator_unavailable", "The sandbox service stopped answering: it was not created.");
    const { dialog } = await openDialog();
    await submit(dialog);
    const alert = within(dialog).getByRole("alert");
    expect(alert.textContent).toContain("it was not created");
    expect(alert.textContent).not.toContain("may still appear");
  });

  for (const [status, code] of [
    [502, "orchestrator_error"],
    [504, "orchestrator_timeout"],
  ] as const) {
    it(`says a ${status} create may still appear`, async () => {
      failWith(status, code, "The sandbox service did not answer.");
      const { dialog } = await openDialog();
      await submit(dialog);
      const alert = within(dialog).getByRole("alert");
      expect(alert.textContent).toContain("The sandbox service did not answer.");
      expect(alert.textContent).toContain("may still appear in your list");
    });
  }

  it("shows a failed instance as a failure, with a link to it, and does not navigate", async () => {
    const failed = sandboxRow({ status: "failed", sandbox_id: "sbx-00000000dead", stop_reason: "error" });
    createAnswer = async () => answer(201, { instance: failed });
    const { dialog } = await openDialog();
    await submit(dialog);
    const alert = within(dialog).getByRole("alert");
    expect(alert.textContent).toContain("sbx-00000000dead failed to start");
    expect(within(alert).getByRole("link", { name: "See its details" }).getAttribute("href")).toBe(`/dashboard/sandbox/${failed.id}`);
    expect(push).not.toHaveBeenCalled();
  });

  it("keeps the error until the user acts (no timer removes it)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "setInterval", "clearTimeout", "clearInterval"] });
    try {
      failWith(502, "orchestrator_error", "The sandbox service failed.");
      const { dialog } = await openDialog();
      await submit(dialog);
      act(() => {
        vi.advanceTimersByTime(10 * 60_000);
      });
      expect(within(dialog).getByRole("alert").textContent).toContain("The sandbox service failed.");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("create button at the limit", () => {
  it("is disabled and says why", () => {
    renderWithSandboxData(<CreateSandboxButton projects={[]} disabledReason="You have 5 active sandboxes, the most allowed." />);
    const button = screen.getByRole("button", { name: "New sandbox" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(document.getElementById(button.getAttribute("aria-describedby")!)!.textContent).toContain("the most allowed");
  });
});
