import { expect, type Page } from "@playwright/test";
import { demoUsers } from "../../local-stack/demo-users.ts";
import { browserCookies, cookieSignIn } from "../helpers/cookie-sign-in.ts";
import { E2E_BASE_URL } from "./stack-config.ts";
import { stackInfo } from "./stack-control.ts";

export const alice = demoUsers.alice;

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
}

/** Through the sign-in form, as a user does (auth.spec.ts tests that form; most specs use `sessionCookies`). */
export async function signInAsAlice(page: Page): Promise<void> {
  await page.goto("/login");
  await fillSignIn(page, alice.email, alice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/**
 * Signs the page's browser in without the form: a session made by supabase-js with @supabase/ssr's
 * cookie storage (what the form's sign-in leaves in the browser), put in its cookie jar. Spares each
 * test a /login render and a redirect; the next page the test opens is signed in.
 */
export async function sessionCookies(page: Page, user: { email: string; password: string }): Promise<void> {
  const { supabaseUrl, publishableKey } = stackInfo();
  const { cookie } = await cookieSignIn(supabaseUrl, publishableKey, user.email, user.password);
  await page.context().addCookies(browserCookies(cookie, E2E_BASE_URL));
}
