import { cookies } from "next/headers";
import { NextResponse, type NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { log } from "@/lib/log";
import { createClient } from "@/lib/supabase/server";

export async function POST(request: NextRequest) {
  if (!isSameOriginRequest(request.headers)) {
    const refused = new ApiError("forbidden", "This sign-out request came from another site and was refused.");
    return NextResponse.json(refused.toBody(), { status: refused.status });
  }

  const supabase = await createClient();
  const { error } = await supabase.auth.signOut();
  if (error) {
    // Auth unreachable: the server-side session may live on, but this browser must still be signed out.
    log.warn("Sign-out could not reach Supabase; clearing the session cookies anyway", { error });
    const cookieStore = await cookies();
    for (const { name } of cookieStore.getAll()) if (name.startsWith("sb-")) cookieStore.delete(name);
  }
  // 303: the browser follows with a GET. Relative, so it stays on the host the user came in on
  // (request.url carries the server's own idea of its host, e.g. localhost:3000).
  return new NextResponse(null, { status: 303, headers: { Location: "/login" } });
}
