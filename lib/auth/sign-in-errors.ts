import { isAuthRetryableFetchError, type AuthError } from "@supabase/supabase-js";

export const AUTH_UNREACHABLE_MESSAGE = "We could not reach the sign-in service. Check your connection and try again in a moment.";

/** The message to show in the login form for a failed sign-in. */
export function describeSignInError(error: AuthError): string {
  // Status 0 is a network failure; 5xx means the auth server is down or misconfigured.
  if (isAuthRetryableFetchError(error) || !error.status || error.status >= 500) return AUTH_UNREACHABLE_MESSAGE;
  return error.message || "Sign-in failed.";
}

/** Shown while an account or address is locked after too many wrong passwords. */
export function tooManySignInsMessage(waitSeconds: number, now = new Date()): string {
  const minutes = Math.ceil(waitSeconds / 60);
  const at = new Date(now.getTime() + waitSeconds * 1000).toISOString().slice(11, 16);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (at ${at} UTC).`;
}
