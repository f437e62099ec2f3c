import { NextResponse, type NextRequest } from "next/server";
import { isApiPath, refuseUnroutableApiRequest } from "@/lib/api/api-request-guard";
import { refuseForeignHost } from "@/lib/http/host-guard";
import { hasMalformedPercentEncoding } from "@/lib/http/has-malformed-percent-encoding";
import { isUnreadableFormPost } from "@/lib/http/unreadable-form-post";
import { guardRedirect } from "@/lib/auth/route-guard";
import { updateSession, withSessionCookies } from "@/lib/supabase/proxy";

export async function proxy(request: NextRequest) {
  const foreign = refuseForeignHost(request.headers.get("host"), request.nextUrl.pathname);
  if (foreign) return foreign;
  if (isApiPath(request.nextUrl.pathname)) {
    const refused = refuseUnroutableApiRequest(request.method, request.nextUrl.pathname);
    if (refused) return refused;
    // Route handlers under /api verify the session themselves and refresh its cookies
    // (lib/api/api-route.ts): checking it here as well would cost every API call a second check.
    return NextResponse.next();
  }
  // A production build answers a page address it cannot decode (`/dashboard/sandbox/%ZZ`) with a
  // bare 500 "Internal Server Error": such an address leads nowhere, so it gets the not-found page.
  if (hasMalformedPercentEncoding(request.nextUrl.pathname)) return NextResponse.rewrite(new URL("/not-found", request.url));
  if (await isUnreadableFormPost(request)) {
    return new NextResponse("This form could not be read. Go back and send it again.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const session = await updateSession(request);
  const target = guardRedirect(request.nextUrl, session.signedIn);
  if (!target) return session.response;
  return withSessionCookies(NextResponse.redirect(new URL(target, request.url)), session);
}

export const config = {
  // Everything but static assets, so sessions refresh on every page and route handler.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)"],
};
