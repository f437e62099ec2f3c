import Link from "next/link";

export default function SandboxNotFound() {
  return (
    <section className="flex flex-col items-start gap-3 py-10">
      <h1 className="text-2xl font-semibold">Sandbox not found</h1>
      <p className="text-muted">There is no sandbox of yours with this id. It may have been deleted.</p>
      <Link href="/dashboard/sandbox" className="font-medium text-accent underline underline-offset-4">
        Back to your sandboxes
      </Link>
    </section>
  );
}
