import { isAuthRetryableFetchError, type AuthError } from "@supabase/supabase-js";

export const AUTH_UNREACHABLE_MESSAGE = "We could not reach the sign-in service. Check your connection and try again in a moment.";

/** The message to show in the login form for a failed sign-in. */
export function describeSignInError(error: AuthError): string {
  // Status 0 is a network failure; 5xx means the auth server is down or misconfigured.
  if (isAuthRetryableFetchError(error) || !error.status || error.status >= 500) return AUTH_UNREACHABLE_MESSAGE;
  return (error.code && byCode[error.code]) || "Sign-in failed. Check your email and password and try again.";
}

// The auth server's words are for developers ("Invalid login credentials"); these are for people.
const byCode: Record<string, string> = {
  invalid_credentials: "The email or password is not right. Check both and try again.",
  email_not_confirmed: "This email address is not confirmed yet. Open the link in the email we sent you, then sign in.",
  user_banned: "This account is blocked. Ask an administrator to unblock it.",
  over_request_rate_limit: "Too many sign-in attempts. Wait a minute, then try again.",
  validation_failed: "Enter your email address and password.",
};

/** Shown while an account or address is locked after too many wrong passwords. */
export function tooManySignInsMessage(waitSeconds: number, now = new Date()): string {
  const minutes = Math.ceil(waitSeconds / 60);
  const at = new Date(now.getTime() + waitSeconds * 1000).toISOString().slice(11, 16);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (at ${at} UTC).`;
}
