import "server-only";
import { log } from "@/lib/log";
import { createServiceClient } from "@/lib/supabase/service";

/**
 * Failed sign-ins allowed per account and per client address within the window; the next
 * one locks that account or address for the window. Counted in Postgres
 * (supabase/migrations/…_sign_in_failures.sql) so every server instance sees them.
 */
const signInLimits = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;

export interface SignInKeys {
  account: string;
  address: string;
}

export const signInKeys = (email: string, address: string): SignInKeys => ({ account: email.trim().toLowerCase(), address });

/** Seconds until these may try again; 0 when they may now. Throws when the count cannot be read. */
export async function signInWaitSeconds(keys: SignInKeys): Promise<number> {
  const { data, error } = await createServiceClient().rpc("sign_in_wait_seconds", { p_account: keys.account, p_address: keys.address });
  if (error) throw new Error(`could not read the sign-in limit: ${error.message}`);
  return data ?? 0;
}

/** Counts a wrong password; answers the wait it now imposes (0: none yet). */
export async function recordSignInFailure(keys: SignInKeys): Promise<number> {
  const { data, error } = await createServiceClient().rpc("record_sign_in_failure", {
    p_account: keys.account,
    p_address: keys.address,
    p_account_limit: signInLimits.perAccount,
    p_address_limit: signInLimits.perAddress,
    p_window_seconds: signInLimits.windowSeconds,
  });
  if (error) throw new Error(`could not record a failed sign-in: ${error.message}`);
  return data ?? 0;
}

export async function clearSignInFailures(keys: SignInKeys): Promise<void> {
  const { error } = await createServiceClient().rpc("clear_sign_in_failures", { p_account: keys.account });
  if (error) log.error("could not clear the failed sign-ins of an account", { error: error.message });
}
