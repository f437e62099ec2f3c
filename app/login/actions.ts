"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { safeNextPath } from "@/lib/auth/next-path";
import { AUTH_UNREACHABLE_MESSAGE, describeSignInError } from "@/lib/auth/sign-in-errors";
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
    const supabase = await createClient();
    const { error } = await supabase.auth.signInWithPassword(parsed.data);
    if (error) return { email, error: describeSignInError(error) };
  } catch (cause) {
    log.error("Sign-in failed unexpectedly", { error: cause });
    return { email, error: AUTH_UNREACHABLE_MESSAGE };
  }
  // Outside the try: redirect() works by throwing.
  redirect(safeNextPath(formData.get("next")));
}
