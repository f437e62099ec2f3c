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
