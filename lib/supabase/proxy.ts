import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import { getPublicEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { getActiveClaims, SessionCheckUnavailableError } from "@/lib/auth/active-claims";

export interface SessionUpdate {
  /** Carries the refreshed session cookies; any other response must copy them (see `withSessionCookies`). */
  response: NextResponse;
  signedIn: boolean;
}

/** Refreshes the Supabase session from the request cookies, as the `@supabase/ssr` docs prescribe. */
export async function updateSession(request: NextRequest): Promise<SessionUpdate> {
  const { NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY } = getPublicEnv();
  let response = NextResponse.next({ request });

  const supabase = createServerClient(NEXT_PUBLIC_SUPABASE_URL, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY, {
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
      },
    },
  });

  // Nothing may run between creating the client and getClaims(), or sessions get dropped at random.
  try {
    const { claims, error } = await getActiveClaims(supabase);
    if (error instanceof SessionCheckUnavailableError) throw error;
    return { response, signedIn: Boolean(claims?.sub) };
  } catch (error) {
    // Auth unreachable or a broken cookie: treat the visitor as signed out rather than fail the page.
    log.warn("Could not verify the session; treating the visitor as signed out", { error });
    return { response, signedIn: false };
  }
}

/** Copies the refreshed session cookies onto a redirect, so the browser and server stay in sync. */
export function withSessionCookies(target: NextResponse, session: SessionUpdate): NextResponse {
  for (const cookie of session.response.cookies.getAll()) target.cookies.set(cookie);
  return target;
}
