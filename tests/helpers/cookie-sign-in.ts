import { createServerClient } from "@supabase/ssr";
import type { Session, User } from "@supabase/supabase-js";
import WebSocket from "ws";

export interface CookieSession {
  user: User;
  session: Session;
  /** The `Cookie` header the browser would send: the session in @supabase/ssr's cookies. */
  cookie: string;
}

/** Signs in through supabase-js with the cookie storage of @supabase/ssr, as the login page does. */
export async function cookieSignIn(supabaseUrl: string, publishableKey: string, email: string, password: string): Promise<CookieSession> {
  const jar = new Map<string, string>();
  const auth = createServerClient(supabaseUrl, publishableKey, {
    realtime: { transport: WebSocket as never },
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value ? jar.set(name, value) : jar.delete(name))),
    },
  });
  const { data, error } = await auth.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return { user: data.user, session: data.session, cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") };
}

/** A `Cookie` header as the cookies a browser context holds for `url` (Playwright's `addCookies`). */
export function browserCookies(cookie: string, url: string): { name: string; value: string; url: string; sameSite: "Lax" }[] {
  return cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), url, sameSite: "Lax" };
  });
}
