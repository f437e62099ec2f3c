/**
 * Where the sandbox summary widget goes (a later issue adds it: the user's sandboxes,
 * live over Realtime). Until then it says so plainly, without made-up data.
 */
export function SandboxSummarySlot() {
  return (
    <section
      aria-labelledby="sandbox-summary-heading"
      data-slot="sandbox-summary"
      className="rounded-lg border border-dashed border-border p-6"
    >
      <h2 id="sandbox-summary-heading" className="text-lg font-semibold">
        Sandboxes
      </h2>
      <p className="mt-1 text-muted">Your sandbox summary will appear here.</p>
    </section>
  );
}
