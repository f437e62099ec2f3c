import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { createClient } from "@/lib/supabase/server";
import { getActiveClaims } from "./active-claims";
import { loginPathFor } from "./next-path";
import type { SignedInUser } from "@/types/auth";

/** The user of this request, verified by Supabase and with a session not ended; cached for one render. */
const getSignedInUser = cache(async (): Promise<SignedInUser | null> => {
  const supabase = await createClient();
  const { claims } = await getActiveClaims(supabase);
  if (!claims?.sub) return null;
  const { sub, email } = claims;
  return { id: sub, email: typeof email === "string" && email ? email : null };
});

/** The proxy already guards these pages; this is the second lock on the door. */
export async function requireSignedInUser(currentPath: string): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) redirect(loginPathFor(currentPath));
  return user;
}
