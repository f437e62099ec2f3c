import { demoUsers } from "../../local-stack/demo-users.ts";
import { cookieSignIn } from "../helpers/cookie-sign-in.ts";
import { E2E_BASE_URL } from "./stack-config.ts";
import { stackInfo } from "./stack-control.ts";

/**
 * Every page (signed in where it needs it) is asked for once, together, before any spec starts: under
 * `next dev` (E2E_APP=dev) a first visit compiles, which on a 2-core machine can take longer than a
 * test's expectation waits; under `next start` it loads the page's code.
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
