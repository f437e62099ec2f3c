export interface SignedInUser {
  id: string;
  email: string | null;
}

export interface LoginFormState {
  /** Shown in the form; null when there is nothing to report. */
  error: string | null;
  /** Echoed back so a failed attempt does not clear the email field. */
  email: string;
  /**
   * Set while too many failed sign-ins lock the account or address. A server action cannot
   * send a Retry-After header, so the form states the wait in its message.
   */
  retryAfterSeconds?: number;
}
