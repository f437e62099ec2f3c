import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FilesPanel } from "../../components/files/files-panel.tsx";
import type { FileEntry, FileListing } from "../../lib/sandbox/files/file-entry.ts";
import { person } from "./person.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

/** The Files routes as fetch sees them: a home folder with odd names, and what each call asked. */
const home = "/home/agent";
const entry = (name: string, patch: Partial<FileEntry> = {}): FileEntry => ({
  name,
  kind: "file",
  size: 10,
  mtime: Date.UTC(2026, 0, 1),
  mode: "644",
  hidden: name.startsWith("."),
  ...patch,
});
let listing: FileListing;
const requests: { method: string; url: string; body: unknown }[] = [];
beforeEach(() => {
  requests.length = 0;
  listing = {
    path: home,
    total: 1204,
    entries: [
      entry("src", { kind: "folder", size: 4096 }),
      entry("big.bin", { size: 5_000_000 }),
      entry("it's $(x)\nnew.txt", { size: 3 }),
      entry(".env"),
      entry("link", { kind: "link", link_target: "src", target_kind: "folder" }),
    ],
  };
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    requests.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const { pathname, searchParams } = new URL(url, "http://localhost");
    if (pathname.endsWith("/files") && method === "GET") {
      const path = searchParams.get("path");
      if (path === "/nope") return answer(404, { error: { code: "not_found", message: "/nope does not exist (any more)." } });
      return answer(200, path && path !== home ? { path, entries: [], total: 0 } : listing);
    }
    if (pathname.endsWith("/files/rename")) return answer(409, { error: { code: "conflict", message: `${home}/src already exists.` } });
    if (pathname.endsWith("/files/delete")) return answer(200, { path: (init.body && JSON.parse(String(init.body)).path) ?? "" });
    return answer(404, { error: { code: "not_found", message: "no" } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const sandbox = sandboxRow({ status: "ready" });

async function renderPanel(status = sandbox.status, onOpenTerminal = vi.fn()) {
  renderWithSandboxData(<FilesPanel sandbox={{ ...sandbox, status }} onOpenTerminal={onOpenTerminal} />);
  await act(async () => {
    await vi.dynamicImportSettled();
  });
  return onOpenTerminal;
}

const { typeInto, choose } = person();

const names = () => screen.queryAllByTestId("file-row").map((row) => within(row).getAllByRole("button")[0]!.getAttribute("title"));

describe("the Files panel", () => {
  it("lists home, folders first, hidden behind the toggle, and says how many more there are", async () => {
    await renderPanel();
    expect(await screen.findByText(/1,199 more not shown/)).toBeInTheDocument();
    expect(names()).toEqual(["link → src", "src", "big.bin", "it's $(x)\nnew.txt"]);
    // A newline in a name is drawn, not broken across lines.
    expect(screen.getByText("it's $(x)␊new.txt")).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText(/Hidden files \(1\)/));
    expect(names()).toContain(".env");
    await choose(screen.getByLabelText("Sort"), "size-desc");
    expect(names().slice(2, 3)).toEqual(["big.bin"]);
    expect((screen.getByLabelText("Path") as HTMLInputElement).value).toBe(home);
  });

  it("opens a folder by its name and by the path box; a missing one says so with a way back", async () => {
    await renderPanel();
    fireEvent.click(await screen.findByRole("button", { name: "src" }));
    expect(await screen.findByText(/This folder is empty/)).toBeInTheDocument();
    expect(requests.at(-1)!.url).toContain(`path=${encodeURIComponent(`${home}/src`)}`);
    await typeInto(screen.getByLabelText("Path"), "relative{Enter}");
    expect(screen.getByRole("alert")).toHaveTextContent(/must be an absolute path/);
    await typeInto(screen.getByLabelText("Path"), "/nope{Enter}");
    expect((await screen.findByRole("alert")).textContent).toMatch(/\/nope does not exist/);
  });

  it("rename shows the server's refusal in the dialog; delete asks first", async () => {
    await renderPanel();
    await screen.findAllByTestId("file-row");
    fireEvent.keyDown(screen.getByRole("button", { name: "Actions for big.bin" }), { key: "Enter" });
    fireEvent.click(await screen.findByRole("menuitem", { name: "Rename…" }));
    const dialog = await screen.findByRole("dialog", { name: "Rename" });
    await typeInto(within(dialog).getByLabelText("Name"), "src");
    await act(async () => {
      fireEvent.click(within(dialog).getByRole("button", { name: "Rename" }));
      await vi.dynamicImportSettled();
    });
    expect((await within(dialog).findByRole("alert")).textContent).toMatch(/already exists/);
    expect(requests.find((r) => r.url.includes("/files/rename"))!.body).toEqual({ path: `${home}/big.bin`, new_name: "src" });
    fireEvent.keyDown(dialog, { key: "Escape" });

    fireEvent.keyDown(screen.getByRole("button", { name: "Actions for big.bin" }), { key: "Enter" });
    fireEvent.click(await screen.findByRole("menuitem", { name: "Delete…" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Delete big.bin?" });
    expect(requests.some((r) => r.url.includes("/files/delete"))).toBe(false);
    await act(async () => {
      fireEvent.click(within(confirm).getByRole("button", { name: "Delete" }));
      await vi.dynamicImportSettled();
    });
    expect(requests.find((r) => r.url.includes("/files/delete"))!.body).toEqual({ path: `${home}/big.bin` });
  });

  it("open in terminal hands the terminal a quoted cd and switches to it", async () => {
    const onOpenTerminal = await renderPanel();
    await screen.findAllByTestId("file-row");
    const { takeQueuedTerminalCommand } = await import("../../lib/terminal/queued-command.ts");
    fireEvent.click(screen.getByRole("button", { name: "Open in terminal" }));
    expect(onOpenTerminal).toHaveBeenCalled();
    expect(takeQueuedTerminalCommand(sandbox.id)).toBe(`cd -- '${home}'`);
  });

  it("a stopped sandbox: a note, nothing fetched, every change disabled", async () => {
    await renderPanel("stopped");
    expect(screen.getByTestId("files-read-only").textContent).toMatch(/stopped: its files cannot be reached/);
    expect(requests).toEqual([]);
    for (const name of ["Upload", "New folder", "Refresh", "Open in terminal"]) {
      expect((screen.getByRole("button", { name }) as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
