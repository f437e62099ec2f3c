import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { sessionCookies } from "./auth-helpers.ts";
import type { Sql } from "../../local-stack/db/database.ts";
import { createConfirmedUser } from "../helpers/auth-users.ts";
import { sql } from "./stack-control.ts";

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A user of one's own (sign-up is off: made as the seed makes the demo users), so tests do not share rows or limits. */
export async function newUser(): Promise<TestUser> {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${randomUUID()}`;
  const id = await createConfirmedUser({ query: sql } as Pick<Sql, "query"> as Sql, email, password);
  return { id, email, password };
}

/** Signed in (by session cookies: auth.spec.ts tests the form) and on `path` (the dashboard unless given). */
export async function signIn(page: Page, user: { email: string; password: string }, path = "/dashboard"): Promise<void> {
  await sessionCookies(page, user);
  await page.goto(path);
  await expect(page).toHaveURL((url) => url.pathname + url.search === path, { timeout: 60_000 });
}

const newSandboxId = () => `sbx-${randomBytes(6).toString("hex")}`;

/** Writes a row straight into the database, as the orchestrator would; returns its id. */
export async function insertSandbox(
  userId: string,
  row: {
    status?: string;
    expiresInMinutes?: number | null;
    sandboxId?: string;
    stopReason?: string | null;
    createdMinutesAgo?: number;
  } = {},
): Promise<{ id: string; sandboxId: string }> {
  const sandboxId = row.sandboxId ?? newSandboxId();
  const status = row.status ?? "ready";
  const expires = row.expiresInMinutes === null ? null : new Date(Date.now() + (row.expiresInMinutes ?? 60) * 60_000).toISOString();
  const ended = ["stopped", "failed", "expired"].includes(status);
  const [inserted] = await sql<{ id: string }>(
    `insert into public.sandbox_instances (user_id, sandbox_id, status, container_id, expires_at, stopped_at, stop_reason, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(mins => $8)) returning id`,
    [
      userId,
      sandboxId,
      status,
      ended ? null : `c-${sandboxId}`,
      expires,
      // An ended row ended halfway between its creation and now.
      ended ? new Date(Date.now() - ((row.createdMinutesAgo ?? 0) * 60_000) / 2).toISOString() : null,
      row.stopReason ?? (ended ? "error" : null),
      row.createdMinutesAgo ?? 0,
    ],
  );
  return { id: inserted!.id, sandboxId };
}

export const rowOf = (page: Page, sandboxId: string) => page.locator(`[data-testid="sandbox-row"][data-sandbox-id="${sandboxId}"]`);

/** screenshots/ at the repo root: the run's pictures of the pages. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(import.meta.dirname, "../../screenshots");
  mkdirSync(dir, { recursive: true });
  // Countdowns and spinners move; the picture is of the page, not of an animation frame. Next's
  // dev-mode badge is not part of the product.
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true, animations: "disabled" });
}
