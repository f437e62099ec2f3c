"use client";

import "./globals.css";

/** Replaces the root layout when it fails, so even then the page is not blank. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
          <h1 className="text-2xl font-semibold">Something went wrong</h1>
          <p className="text-muted">The page could not be shown.</p>
          <button type="button" onClick={() => retry()} className="rounded-md border px-3 py-1.5">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
