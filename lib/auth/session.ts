import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { createClient } from "@/lib/supabase/server";
import { loginPathFor } from "./next-path";
import type { SignedInUser } from "@/types/auth";

/** The user of this request, verified by Supabase; cached for one render. */
export const getSignedInUser = cache(async (): Promise<SignedInUser | null> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims().catch((cause: unknown) => ({ data: null, error: cause }));
  if (error || !data?.claims.sub) return null;
  const { sub, email } = data.claims;
  return { id: sub, email: typeof email === "string" && email ? email : null };
});

/** The proxy already guards these pages; this is the second lock on the door. */
export async function requireSignedInUser(currentPath: string): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) redirect(loginPathFor(currentPath));
  return user;
}
