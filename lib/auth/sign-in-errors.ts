import { isAuthRetryableFetchError, type AuthError } from "@supabase/supabase-js";

export const AUTH_UNREACHABLE_MESSAGE = "We could not reach the sign-in service. Check your connection and try again in a moment.";

/** The message to show in the login form for a failed sign-in. */
export function describeSignInError(error: AuthError): string {
  // Status 0 is a network failure; 5xx means the auth server is down or misconfigured.
  if (isAuthRetryableFetchError(error) || !error.status || error.status >= 500) return AUTH_UNREACHABLE_MESSAGE;
  return error.message || "Sign-in failed.";
}
