/** A route's loading state: a spinner and what is loading, announced politely. */
export function LoadingStatus({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 text-muted">
      <span className="size-4 animate-spin rounded-full border-2 border-border border-t-accent" aria-hidden="true" />
      {label}
    </div>
  );
}
