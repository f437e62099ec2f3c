import { demoUsers } from "../../local-stack/demo-users.ts";
import { cookieSignIn } from "../helpers/cookie-sign-in.ts";
import { E2E_BASE_URL } from "./stack-config.ts";
import { stackInfo } from "./stack-control.ts";

/**
 * `next dev` compiles a page on its first visit, which on this 2-core machine can take longer than
 * a test's expectation waits. Every page (signed in where it needs it) is asked for once, together,
 * before any spec starts, so no spec's first visit is a compile.
 */
export default async function warmPages() {
  const { supabaseUrl, publishableKey } = stackInfo();
  const { cookie } = await cookieSignIn(supabaseUrl, publishableKey, demoUsers.bob.email, demoUsers.bob.password);
  const pages = ["/dashboard", "/dashboard/sandbox", `/dashboard/sandbox/${crypto.randomUUID()}`, "/no-such-page"];
  await Promise.all([
    fetch(`${E2E_BASE_URL}/login`).then((answer) => answer.text()),
    ...pages.map((path) => fetch(E2E_BASE_URL + path, { headers: { cookie }, redirect: "manual" }).then((answer) => answer.text())),
  ]);
}
