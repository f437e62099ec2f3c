import type { Metadata } from "next";
import { SandboxSummarySlot } from "@/components/dashboard/sandbox-summary-slot";
import { requireSignedInUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireSignedInUser("/dashboard");
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="text-muted">
          Signed in as <strong className="font-semibold text-foreground">{user.email ?? user.id}</strong>
        </p>
      </div>
      <SandboxSummarySlot />
    </>
  );
}
