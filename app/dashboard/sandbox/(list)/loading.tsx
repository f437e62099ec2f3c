export default function SandboxListLoading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 text-muted">
      <span className="size-4 animate-spin rounded-full border-2 border-border border-t-accent" aria-hidden="true" />
      Loading sandboxes…
    </div>
  );
}
