import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SandboxListView } from "../../components/sandbox/sandbox-list-view.tsx";
import { Toaster } from "../../components/ui/toaster.tsx";
import type { SandboxInstance } from "../../lib/sandbox/types.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const page = (instances: SandboxInstance[]) => ({
  instances,
  pagination: { total: instances.length, limit: 50, offset: 0, hasMore: false },
});
const refusal = "This sandbox is still being created. Stop it, or wait until it is ready, then delete it.";

let answerDelete: (response: Response) => void = () => {};
let listAnswer: (url: string) => Promise<Response>;
beforeEach(() => {
  // Fake timers from the start, so a toast's own timer (sonner's default is 4 s) is under the test's control.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  // Stands in for the server; a delete waits for the test.
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) =>
    init?.method === "DELETE" ? new Promise<Response>((resolve) => (answerDelete = resolve)) : listAnswer(url),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("a delete the API refuses with 409 (still being created)", () => {
  it("removes the row at once, puts it back when refused, and shows the API's reason until it is closed", async () => {
    const creating = sandboxRow({ status: "creating", sandbox_id: "sbx-0000c0ffee00" });
    const other = sandboxRow({ status: "ready" });
    const active = page([creating, other]);
    const requested: string[] = [];
    listAnswer = async (url) => {
      requested.push(url);
      return answer(200, decodeURIComponent(url).includes("status=creating") ? active : page([]));
    };
    renderWithSandboxData(
      <>
        <SandboxListView
          initial={{ filter: "all", q: "", sort: "created" }}
          fallback={{ capacity: active, active, ended: page([]), endedCount: page([]), failedCount: page([]) }}
          projects={[]}
        />
        <Toaster />
      </>,
    );
    const rowIds = () => screen.queryAllByTestId("sandbox-row").map((row) => row.getAttribute("data-sandbox-id"));
    expect(rowIds()).toEqual([creating.sandbox_id, other.sandbox_id]);
    // The page's first reads have their answers; from now on the server is slow, so a row that comes
    // back after the refusal is the page's own rollback, not a refetch.
    await vi.waitFor(() => expect(requested.some((url) => decodeURIComponent(url).includes("status=creating"))).toBe(true));
    await act(async () => vi.advanceTimersByTime(100));
    listAnswer = () => new Promise(() => {});

    fireEvent.keyDown(screen.getByRole("button", { name: `More actions for ${creating.sandbox_id}` }), { key: "Enter" });
    fireEvent.click(within(screen.getByRole("menu")).getByRole("menuitem", { name: "Delete" }));
    await act(async () => {
      fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete sandbox" }));
    });
    // Optimistic: gone before the API answers.
    await vi.waitFor(() => expect(rowIds()).toEqual([other.sandbox_id]));

    await act(async () => answerDelete(answer(409, { error: { code: "conflict", message: refusal, details: { status: "creating" } } })));

    await vi.waitFor(() => expect(rowIds()).toEqual([creating.sandbox_id, other.sandbox_id]));
    const toast = await screen.findByText(`Could not delete ${creating.sandbox_id}: ${refusal}`);
    // An error stays until the user closes it.
    await act(async () => vi.advanceTimersByTime(60_000));
    expect(toast.isConnected).toBe(true);
    expect(screen.getByText(`Could not delete ${creating.sandbox_id}: ${refusal}`)).toBeInTheDocument();
    const item = toast.closest("[data-sonner-toast]") as HTMLElement;
    await act(async () => {
      fireEvent.click(within(item).getByRole("button", { name: /close/i }));
    });
    await act(async () => vi.advanceTimersByTime(1_000));
    await vi.waitFor(() => expect(screen.queryByText(`Could not delete ${creating.sandbox_id}: ${refusal}`)).not.toBeInTheDocument());
  });
});
