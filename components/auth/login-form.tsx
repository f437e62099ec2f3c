"use client";

import { useActionState } from "react";
import { signIn } from "@/app/login/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
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
        <Alert id="login-error" variant="error" className="px-3 py-2 text-base">
          {state.error}
        </Alert>
      )}
      <Button type="submit" variant="primary" disabled={pending} aria-busy={pending} className="h-10 px-4 text-base">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
