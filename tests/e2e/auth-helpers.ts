import { expect, type Page } from "@playwright/test";
import { demoUsers } from "../../local-stack/demo-users.ts";

export const alice = demoUsers.alice;

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
}

export async function signInAsAlice(page: Page): Promise<void> {
  await page.goto("/login");
  await fillSignIn(page, alice.email, alice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
