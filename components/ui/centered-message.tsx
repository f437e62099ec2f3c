import type { ReactNode } from "react";

/** A full-page message for the not-found, error and empty states, so no page is ever blank. */
export function CenteredMessage({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-muted">{body}</p>
      {children}
    </main>
  );
}
