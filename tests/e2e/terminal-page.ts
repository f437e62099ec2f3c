import { expect, test, type Page } from "./fixtures.ts";
import { sessionCookies } from "./auth-helpers.ts";
import { newUser, signIn, type TestUser } from "./sandbox-helpers.ts";
import { sql } from "./stack-control.ts";

/** The sandbox detail page, where the terminal lives. */
export const sandboxPath = (id: string) => `/dashboard/sandbox/${id}`;

export interface CreatedSandbox {
  id: string;
  sandbox_id: string;
  status: string;
}

/** Creates a sandbox through the API as the signed-in user of `page` (same origin); resolves when it is ready. */
export async function createSandbox(page: Page): Promise<CreatedSandbox> {
  const answer = await page.evaluate(async () => {
    const response = await fetch("/api/sandbox", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    return { status: response.status, body: (await response.json()) as { instance?: CreatedSandbox } };
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  expect(answer.body.instance?.status).toBe("ready");
  return answer.body.instance!;
}

/** Starts a create without waiting for it and returns the row's id as soon as the orchestrator writes it. */
export async function startCreatingSandbox(page: Page, userEmail: string): Promise<string> {
  const before = new Set((await sql<{ id: string }>("select id from sandbox_instances")).map((row) => row.id));
  void page.evaluate(() => fetch("/api/sandbox", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }));
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const rows = await sql<{ id: string }>(
          "select s.id from sandbox_instances s join auth.users u on u.id = s.user_id where u.email = $1 order by s.created_at desc",
          [userEmail],
        );
        id = rows.find((row) => !before.has(row.id))?.id;
        return id;
      },
      { timeout: 20_000 },
    )
    .toBeTruthy();
  return id!;
}

export async function stopSandbox(page: Page, id: string): Promise<void> {
  const status = await page.evaluate(
    async (sandboxId) =>
      (
        await fetch(`/api/sandbox/${sandboxId}`, {
          method: "PATCH",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ action: "stop" }),
        })
      ).status,
    id,
  );
  expect(status).toBe(200);
}

/** Opens the sandbox's page and waits for its terminal. */
export async function openTerminal(page: Page, id: string): Promise<void> {
  await page.goto(sandboxPath(id));
  await page.waitForFunction(() => window.__terminal !== undefined, undefined, { timeout: 30_000 });
}

/** What the terminal shows: its buffer's lines, wrapped rows joined, trailing blank lines dropped (none while it is still loading). */
export function terminalLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (!window.__terminal) return [];
    const buffer = window.__terminal.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i)!;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
    return lines;
  });
}

export const lastLine = async (page: Page) => (await terminalLines(page)).at(-1) ?? "";

/** Waits until the terminal's last line is a prompt (the answer is written and the prompt is back). */
export async function waitForPrompt(page: Page, cwd?: string, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => lastLine(page), { timeout })
    .toMatch(cwd === undefined ? /^agent@sbx-[0-9a-f]{12}:[^$]*\$ ?$/ : new RegExp(`^agent@sbx-[0-9a-f]{12}:${escapeRegExp(cwd)}\\$ ?$`));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Types into the real xterm (its hidden textarea has the focus) and presses Enter. */
export async function run(page: Page, command: string): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}

export async function focusTerminal(page: Page): Promise<void> {
  await page.locator(".xterm-helper-textarea").focus();
}

/** A paste as the browser delivers it: a paste event with the text on the clipboard. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.locator(".xterm-helper-textarea").evaluate((textarea, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    textarea.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The terminal cell's colour at a buffer row (palette index, or -1 for the default colour) and whether it is dim. */
export function cellStyle(page: Page, row: number, col: number): Promise<{ fg: number; dim: boolean }> {
  return page.evaluate(
    ([r, c]) => {
      const cell = window.__terminal!.term.buffer.active.getLine(r!)!.getCell(c!)!;
      return { fg: cell.isFgDefault() ? -1 : cell.getFgColor(), dim: cell.isDim() !== 0 };
    },
    [row, col],
  );
}

/** Row index in the buffer of the last line (not wrapped-joined) containing `text`. */
export function rowOf(page: Page, text: string): Promise<number> {
  return page.evaluate((needle) => {
    const buffer = window.__terminal!.term.buffer.active;
    for (let i = buffer.length - 1; i >= 0; i--) if (buffer.getLine(i)!.translateToString(true).includes(needle)) return i;
    return -1;
  }, text);
}

/**
 * One sandbox for a spec file's tests that only run commands (created before them, deleted after),
 * owned by a user of the file's own (specs run side by side: Alice signing out, or her limits, must
 * not reach them), each test signed in as that user. Tests that create more push their ids to `created`.
 */
export function sharedSandboxPerFile() {
  let id: string | undefined;
  let owner: TestUser | undefined;
  const created: string[] = [];
  test.beforeAll(async ({ browser }) => {
    owner = await newUser();
    const page = await browser.newPage();
    await signIn(page, owner);
    const sandbox = await createSandbox(page);
    id = sandbox.id;
    created.push(sandbox.id);
    await page.close();
  });
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page, owner!);
    for (const sandbox of created) await page.evaluate((target) => fetch(`/api/sandbox/${target}`, { method: "DELETE" }), sandbox);
    await page.close();
  });
  test.beforeEach(async ({ page }) => {
    await sessionCookies(page, owner!);
  });
  return { id: () => id!, user: () => owner!, created };
}
