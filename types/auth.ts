export interface SignedInUser {
  id: string;
  email: string | null;
}

export interface LoginFormState {
  /** Shown in the form; null when there is nothing to report. */
  error: string | null;
  /** Echoed back so a failed attempt does not clear the email field. */
  email: string;
}
