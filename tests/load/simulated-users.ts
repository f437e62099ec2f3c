import { randomBytes } from "node:crypto";
import http from "node:http";
import { signIn, type SignedIn, type Urls } from "../../bench/lib/session.ts";
import type { BrowserSession } from "./browser-request.ts";

export interface SimulatedUser extends SignedIn, BrowserSession {
  email: string;
  /** What this user does besides listing: nothing, commands back to back, or create then delete. */
  role: "lister" | "executor" | "creator";
}

/** New users, one per role, made by the stack's user factory (as the seed makes the demo users), each signed in as the login page does. */
export async function simulatedUsers(
  userFactoryUrl: string,
  urls: Urls,
  publishableKey: string,
  roles: SimulatedUser["role"][],
): Promise<SimulatedUser[]> {
  const run = randomBytes(3).toString("hex");
  const users: SimulatedUser[] = [];
  // A few at a time: sign-in is the slowest call of the local auth server (password hashing).
  for (let start = 0; start < roles.length; start += 10) {
    const batch = roles.slice(start, start + 10).map(async (role, offset) => {
      const email = `load-${run}-${start + offset}@example.com`;
      const password = `load-${randomBytes(8).toString("hex")}`;
      const made = await fetch(userFactoryUrl, { method: "POST", body: JSON.stringify({ email, password }) });
      if (made.status !== 201) throw new Error(`create ${email}: HTTP ${made.status} ${await made.text()}`);
      return { ...(await signIn(urls, publishableKey, email, password)), email, role, agent: new http.Agent({ keepAlive: true }) };
    });
    users.push(...(await Promise.all(batch)));
  }
  return users;
}
