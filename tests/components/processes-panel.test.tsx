import "./dom-shims.ts";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ProcessesPanel } from "../../components/processes/processes-panel.tsx";
import type { SandboxProcess, SandboxUsage } from "../../lib/sandbox/processes/types.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

const proc = (pid: number, command: string, dashboard = false): SandboxProcess => ({
  pid,
  ppid: 1,
  user: "agent",
  cpuPercent: 1.5,
  memoryBytes: 2 * 1024 * 1024,
  elapsedSeconds: 125,
  command,
  dashboard,
});
const usage = (sampledAt: number, cpuMicros: number): SandboxUsage => ({
  sampledAt,
  cpu: { usageMicros: cpuMicros, limit: 2, source: "cgroup" },
  memory: { usedBytes: 512 * 1024 * 1024, limitBytes: 1024 * 1024 * 1024, source: "cgroup" },
  disk: { usedBytes: 1024 ** 3, limitBytes: 4 * 1024 ** 3, path: "/home/agent" },
});

let processes: SandboxProcess[];
let signals: Array<{ pid: string; signal: string }>;
let signalAnswer: (pid: string, signal: string) => Response;
let usageCalls: number;
beforeEach(() => {
  processes = [proc(1, "/sbin/init"), proc(42, "python3 -m http.server 8000"), proc(77, "ps -ww -A", true)];
  signals = [];
  usageCalls = 0;
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    const signal = /\/processes\/(\d+)\/signal$/.exec(url);
    if (signal) {
      const body = JSON.parse(String(init?.body));
      signals.push({ pid: signal[1]!, signal: body.signal });
      return signalAnswer(signal[1]!, body.signal);
    }
    if (url.endsWith("/processes")) return answer(200, { processes });
    if (url.endsWith("/usage")) return answer(200, { usage: usage(100 + usageCalls * 5, 1_000_000 + usageCalls++ * 5_000_000) });
    return answer(404, { error: { code: "not_found", message: "No such thing." } });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the Processes tab", () => {
  it("lists the user's processes, hides the dashboard's own until asked, and shows usage against the limits", async () => {
    const row = sandboxRow();
    renderWithSandboxData(<ProcessesPanel sandbox={row} />);
    const table = await screen.findByTestId("process-table");
    expect(
      within(table)
        .getAllByTestId("process-row")
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining("/sbin/init"), expect.stringContaining("python3 -m http.server 8000")]);
    expect(within(table).getAllByText("2.0 MB")).toHaveLength(2);
    expect(within(table).getAllByText("2m 05s")).toHaveLength(2);
    // The sandbox's first process cannot be stopped from here: that would end the sandbox.
    expect(within(within(table).getAllByTestId("process-row")[0]!).queryByRole("button")).not.toBeInTheDocument();
    fireEvent.click(screen.getByLabelText("Show the dashboard's own (1)"));
    const own = within(table).getAllByTestId("process-row")[2]!;
    expect(own.textContent).toContain("ps -ww -A");
    expect(within(own).queryByRole("button")).not.toBeInTheDocument();

    const memory = await screen.findByRole("meter", { name: "Memory" });
    await waitFor(() => expect(memory.getAttribute("aria-valuetext")).toBe("50%, 512 MB of 1.0 GB"));
    expect(screen.getByRole("meter", { name: "Disk" }).getAttribute("aria-valuetext")).toBe("25%, 1.0 GB of 4.0 GB on /home/agent");
    // CPU is a share of the time between two samples: with one, it is not known yet.
    expect(screen.queryByRole("meter", { name: "CPU" })).not.toBeInTheDocument();
    expect(screen.getByTestId("usage-cpu").textContent).toContain("—");
  });

  it("stop asks first, sends TERM, and offers KILL when the process survives it", async () => {
    signalAnswer = (pid, signal) => answer(200, { pid: Number(pid), signal, outcome: signal === "TERM" ? "running" : "exited" });
    renderWithSandboxData(<ProcessesPanel sandbox={sandboxRow()} />);
    fireEvent.click(await screen.findByRole("button", { name: "Stop process 42, python3 -m http.server 8000" }));
    const confirm = await screen.findByRole("alertdialog");
    expect(confirm.textContent).toContain("Stop process 42?");
    expect(signals).toEqual([]);
    fireEvent.click(within(confirm).getByRole("button", { name: "Stop process" }));
    const kill = await screen.findByRole("alertdialog", { name: "Process 42 is still running" });
    expect(signals).toEqual([{ pid: "42", signal: "TERM" }]);
    processes = processes.filter((p) => p.pid !== 42);
    await act(async () => fireEvent.click(within(kill).getByRole("button", { name: "Kill process" })));
    await waitFor(() =>
      expect(screen.getByRole("status", { name: "" }).textContent).toContain("Process 42 (python3 -m http.server 8000) was killed."),
    );
    expect(signals).toEqual([
      { pid: "42", signal: "TERM" },
      { pid: "42", signal: "KILL" },
    ]);
    await waitFor(() => expect(screen.queryByText("python3 -m http.server 8000")).not.toBeInTheDocument());
  });

  it("says what the API said when a stop fails, and nothing is sent without confirming", async () => {
    signalAnswer = () => answer(409, { error: { code: "conflict", message: "Process 42 belongs to another user of the sandbox." } });
    renderWithSandboxData(<ProcessesPanel sandbox={sandboxRow()} />);
    fireEvent.click(await screen.findByRole("button", { name: /^Stop process 42/ }));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Cancel" }));
    expect(signals).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: /^Stop process 42/ }));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Stop process" }));
    expect(await screen.findByText("Process 42 belongs to another user of the sandbox.")).toBeInTheDocument();
  });

  it("asks nothing of a stopped sandbox", async () => {
    renderWithSandboxData(<ProcessesPanel sandbox={sandboxRow({ status: "stopped" })} />);
    expect(screen.getByTestId("processes-not-running").textContent).toContain("This sandbox is stopped");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(usageCalls).toBe(0);
  });
});
