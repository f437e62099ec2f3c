import "./dom-shims.ts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SshPanel } from "../../components/ssh/ssh-panel.tsx";
import type { SandboxAccess } from "../../lib/sandbox/ssh/types.ts";
import { answer, renderWithSandboxData } from "./render.tsx";
import { sandboxRow } from "../helpers/sandbox-row.ts";

const key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
const access = (host: string): SandboxAccess => ({
  private_key: key,
  username: "agent",
  host,
  port: 2222,
  key_file: "sbx-0123456789ab.pem",
  chmod_command: "chmod 600 sbx-0123456789ab.pem",
  ssh_command: `ssh -i sbx-0123456789ab.pem -p 2222 agent@${host}`,
  private_host: host === "localhost",
});

let posts: string[];
let reply: () => Response;
beforeEach(() => {
  posts = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    if (init?.method === "POST") posts.push(url);
    return reply();
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row = sandboxRow({ sandbox_id: "sbx-0123456789ab" });

describe("the SSH tab", () => {
  it("asks first, then shows the key once with download, copy, chmod and the ssh command, and warns about a local host", async () => {
    reply = () => answer(200, { access: access("localhost") });
    renderWithSandboxData(<SshPanel sandbox={row} />);
    fireEvent.click(screen.getByRole("button", { name: "Create an SSH key" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Create a new SSH key?" });
    expect(confirm.textContent).toContain("stays valid until the sandbox stops");
    expect(posts).toEqual([]);
    fireEvent.click(within(confirm).getByRole("button", { name: "Create key" }));

    await screen.findByTestId("ssh-access");
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    // Focus moves to the key, so a screen reader reads it next.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Your new key, shown once" })));
    expect(posts).toEqual([`/api/sandbox/${row.id}/access`]);
    expect((screen.getByLabelText("Private key") as HTMLTextAreaElement).value).toBe(key);
    expect(screen.getByRole("button", { name: "Download sbx-0123456789ab.pem" })).toBeInTheDocument();
    expect(screen.getByText("chmod 600 sbx-0123456789ab.pem")).toBeInTheDocument();
    expect(screen.getByTestId("ssh-command").textContent).toBe("ssh -i sbx-0123456789ab.pem -p 2222 agent@localhost");
    expect(screen.getByTestId("ssh-private-host").textContent).toContain("localhost");
  });

  it("shows no warning for a public host, and the API's message when it refuses", async () => {
    reply = () => answer(200, { access: access("ssh.example.com") });
    renderWithSandboxData(<SshPanel sandbox={row} />);
    fireEvent.click(screen.getByRole("button", { name: "Create an SSH key" }));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Create key" }));
    await screen.findByTestId("ssh-access");
    expect(screen.queryByTestId("ssh-private-host")).not.toBeInTheDocument();

    reply = () =>
      answer(409, { error: { code: "conflict", message: "This sandbox is stopped; commands run only while it is ready or running." } });
    fireEvent.click(screen.getByRole("button", { name: "Create another key" }));
    fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Create key" }));
    expect(await screen.findByText(/This sandbox is stopped/)).toBeInTheDocument();
  });

  it("offers nothing for a stopped sandbox", () => {
    renderWithSandboxData(<SshPanel sandbox={sandboxRow({ status: "stopped" })} />);
    expect(screen.getByTestId("ssh-not-running").textContent).toContain("keys made earlier stopped working");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
