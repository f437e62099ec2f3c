"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { safeNextPath } from "@/lib/auth/next-path";
import { AUTH_UNREACHABLE_MESSAGE, describeSignInError, tooManySignInsMessage } from "@/lib/auth/sign-in-errors";
import { clearSignInFailures, recordSignInFailure, signInKeys, signInWaitSeconds } from "@/lib/auth/sign-in-limit";
import { getServerEnv } from "@/lib/env.server";
import { clientAddress } from "@/lib/http/client-address";
import { log } from "@/lib/log";
import { createClient } from "@/lib/supabase/server";
import type { LoginFormState } from "@/types/auth";

const credentialsSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password."),
});

export async function signIn(_previous: LoginFormState, formData: FormData): Promise<LoginFormState> {
  const email = String(formData.get("email") ?? "");
  const parsed = credentialsSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) return { email, error: parsed.error.issues[0]?.message ?? "Check your email and password." };

  try {
    const address = clientAddress((await headers()).get("x-forwarded-for"), getServerEnv().TRUSTED_PROXY_HOPS);
    const keys = signInKeys(parsed.data.email, address);
    // Asked first: while locked, even the right password is not tried.
    const wait = await signInWaitSeconds(keys);
    if (wait > 0) return { email, error: tooManySignInsMessage(wait), retryAfterSeconds: wait };

    const supabase = await createClient();
    const { error } = await supabase.auth.signInWithPassword(parsed.data);
    if (error?.code === "invalid_credentials") {
      const lockedFor = await recordSignInFailure(keys);
      if (lockedFor > 0) return { email, error: tooManySignInsMessage(lockedFor), retryAfterSeconds: lockedFor };
    }
    if (error) return { email, error: describeSignInError(error) };
    await clearSignInFailures(keys);
  } catch (cause) {
    log.error("Sign-in failed unexpectedly", { error: cause });
    return { email, error: AUTH_UNREACHABLE_MESSAGE };
  }
  // Outside the try: redirect() works by throwing.
  redirect(safeNextPath(formData.get("next")));
}
