import { expect, test } from "./fixtures.ts";
import ssh2 from "ssh2";
import { newUser, screenshot, signIn, type TestUser } from "./sandbox-helpers.ts";
import { setOrchestratorFaults } from "./stack-control.ts";
import { createSandbox, openTerminal, run, sandboxPath, waitForPrompt } from "./terminal-page.ts";

/**
 * The Processes and SSH tabs, on one sandbox. The Processes tab against an orchestrator that serves one exec at a time and ignores timeouts, as
 * production does: a job started in the terminal shows up, survives TERM, and goes with KILL; the
 * tab's polling leaves the terminal (in another window) its turn.
 */
// The hooks too: a create and sign-ins under `next dev` on a loaded machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

// One user and one sandbox for the file; a user of its own, so no other spec's rows or budgets touch it.
let user: TestUser;
let sandboxId: string;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await setOrchestratorFaults({ exec_timeout: "ignore", serial: true });
  user = await newUser();
  const page = await browser.newPage();
  await signIn(page, user);
  sandboxId = (await createSandbox(page)).id;
  await page.close();
});
test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await setOrchestratorFaults({ reset: true });
  const page = await browser.newPage();
  await signIn(page, user);
  await page.evaluate((id) => fetch(`/api/sandbox/${id}`, { method: "DELETE" }), sandboxId);
  await page.close();
});
test.beforeEach(({ page }) => signIn(page, user));
const shared = { id: () => sandboxId };

test("a job from the terminal is listed; Stop sends TERM, then offers KILL, and the job is gone", async ({ page, context }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  await run(page, `bash -c "trap '' TERM; exec -a stubborn-job sleep 300" &`);
  await waitForPrompt(page);

  await page.getByRole("tab", { name: "Processes" }).click();
  await expect(page).toHaveURL(/\?tab=processes$/);
  const row = page.getByTestId("process-row").filter({ hasText: "stubborn-job" });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("meter", { name: "Memory" })).toHaveAttribute("aria-valuetext", /%, .+ of /);
  await expect(page.getByRole("meter", { name: "CPU" })).toHaveAttribute("aria-valuetext", /%, of /, { timeout: 20_000 });

  // The terminal, in a second window, runs while this tab polls.
  const other = await context.newPage();
  await openTerminal(other, shared.id());
  await waitForPrompt(other);
  await run(other, "echo still-my-turn");
  await waitForPrompt(other);
  await other.close();

  await screenshot(page, "processes-light");
  await row.getByRole("button", { name: /^Stop process/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Stop process" }).click();
  const kill = page.getByRole("alertdialog", { name: /is still running/ });
  await expect(kill).toBeVisible({ timeout: 20_000 });
  await kill.getByRole("button", { name: "Kill process" }).click();
  await expect(page.getByRole("status").filter({ hasText: /was killed\./ })).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveCount(0);
});

test("the tab, dark and on a phone", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${sandboxPath(shared.id())}?tab=processes`);
  await expect(page.getByTestId("process-table")).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "processes-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("process-table")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "processes-phone");
});

/** Runs `script` in a login shell with a terminal over SSH; the lines it printed, without the terminal's escapes. */
function overSsh(target: { host: string; port: number; privateKey: string }, script: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once("error", reject);
    client.once("ready", () =>
      client.shell({ term: "xterm-256color", cols: 200, rows: 30 }, (error, stream) => {
        if (error) return reject(error);
        let seen = "";
        stream.on("data", (chunk: Buffer) => (seen += chunk.toString("utf8")));
        stream.on("close", () => {
          client.end();
          resolve(
            seen
              .replace(/\x1b\[[?0-9;]*[a-zA-Z]/g, "")
              .split("\r\n")
              .map((line) => line.replace(/\r/g, "")),
          );
        });
        stream.write(`${script}\nexit\n`);
      }),
    );
    client.connect({ host: target.host, port: target.port, username: "agent", privateKey: target.privateKey, readyTimeout: 20_000 });
  });
}

test("a key from the SSH tab opens a shell in the sandbox: whoami, pwd, and the terminal's file", async ({ page }) => {
  await openTerminal(page, shared.id());
  await waitForPrompt(page);
  await run(page, "echo made-in-the-terminal > from-terminal.txt");
  await waitForPrompt(page);

  await page.getByRole("tab", { name: "SSH" }).click();
  await page.getByRole("button", { name: "Create an SSH key" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("heading", { name: "Your new key, shown once" })).toBeFocused({ timeout: 20_000 });
  await expect(page.getByTestId("ssh-private-host")).toContainText("127.0.0.1");
  const privateKey = await page.getByLabel("Private key").inputValue();
  const command = (await page.getByTestId("ssh-command").textContent())!;
  const [, port, host] = /-p (\d+) agent@(\S+)$/.exec(command)!;
  await screenshot(page, "ssh-light");

  // The same user and home as the terminal's commands: agent and /home/agent in a jail, the
  // sandbox's uid and host folder without bubblewrap.
  const terminalSide = await page.evaluate(async (id) => {
    const response = await fetch(`/api/sandbox/${id}/exec`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ command: "whoami; cd && pwd" }),
    });
    return ((await response.json()) as { stdout: string }).stdout.trim().split("\n");
  }, shared.id());
  if (process.env.REQUIRE_SANDBOX_ISOLATION === "1") expect(terminalSide).toEqual(["agent", "/home/agent"]);
  const lines = await overSsh({ host: host!, port: Number(port), privateKey }, "whoami; pwd; cat from-terminal.txt");
  expect(lines).toEqual(expect.arrayContaining([...terminalSide, "made-in-the-terminal"]));

  await page.emulateMedia({ colorScheme: "dark" });
  await screenshot(page, "ssh-dark");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await screenshot(page, "ssh-phone");
});
