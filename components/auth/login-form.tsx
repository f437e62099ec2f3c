"use client";

import { useActionState } from "react";
import { signIn } from "@/app/login/actions";
import { primaryButton } from "@/components/ui/button-styles";
import type { LoginFormState } from "@/types/auth";

const initialState: LoginFormState = { error: null, email: "" };

const inputClass = "w-full rounded-md border border-border bg-background px-3 py-2 text-foreground aria-[invalid=true]:border-danger";

export function LoginForm({ nextPath }: { nextPath: string }) {
  const [state, formAction, pending] = useActionState(signIn, initialState);
  const hasError = state.error !== null;

  return (
    <form action={formAction} className="flex flex-col gap-4" aria-describedby={hasError ? "login-error" : undefined}>
      <input type="hidden" name="next" value={nextPath} />
      <div className="flex flex-col gap-1">
        <label htmlFor="email" className="font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={hasError}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={hasError}
          className={inputClass}
        />
      </div>
      {hasError && (
        <p id="login-error" role="alert" className="rounded-md bg-danger-surface px-3 py-2 text-danger">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} aria-busy={pending} className={primaryButton}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
