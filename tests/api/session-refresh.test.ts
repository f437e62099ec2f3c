import { describe, expect, it } from "vitest";
import { alice, stack } from "./stack.ts";

/** The session cookie of @supabase/ssr ("base64-" + base64url JSON), with its session changed by `edit`. */
function editedSessionCookie(cookie: string, edit: (session: Record<string, unknown>) => void): string {
  return cookie
    .split("; ")
    .map((pair) => {
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (!/^sb-.*-auth-token$/.test(name) || !value.startsWith("base64-")) return pair;
      const session = JSON.parse(Buffer.from(value.slice(7), "base64url").toString("utf8")) as Record<string, unknown>;
      edit(session);
      return `${name}=base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
    })
    .join("; ");
}

function sessionCookiesOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => pair.startsWith("sb-") && !pair.endsWith("="))
    .join("; ");
}

const list = (cookie: string) => fetch(`${stack().appUrl}/api/sandbox`, { headers: { cookie }, redirect: "manual" });

describe("an API call refreshes a session that is about to expire", () => {
  it("answers 200 and sends refreshed session cookies that work for the next call", async () => {
    const caller = await alice();
    // The session says it expired a minute ago: supabase-js must refresh it with the refresh token.
    const expiring = editedSessionCookie(caller.cookie, (session) => {
      session.expires_at = Math.floor(Date.now() / 1000) - 60;
    });
    const answer = await list(expiring);
    expect(answer.status).toBe(200);
    const refreshed = sessionCookiesOf(answer.headers);
    expect(refreshed).not.toBe("");
    expect(refreshed).not.toBe(caller.cookie);

    const next = await list(refreshed);
    expect(next.status).toBe(200);
  });

  it("answers 401 when the session has expired and its refresh token is not valid", async () => {
    const caller = await alice();
    const dead = editedSessionCookie(caller.cookie, (session) => {
      session.expires_at = Math.floor(Date.now() / 1000) - 60;
      session.refresh_token = "not-a-refresh-token";
    });
    const answer = await list(dead);
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });
});
