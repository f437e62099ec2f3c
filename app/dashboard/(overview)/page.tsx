import type { Metadata } from "next";
import { SandboxSummaryWidget } from "@/components/dashboard/sandbox-summary-widget";
import { requireSignedInUser } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/list-projects";
import { sandboxKeys } from "@/lib/sandbox/cache/sandbox-keys";
import { readListPage } from "@/lib/sandbox/read-list-page";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireSignedInUser("/dashboard");
  const supabase = await createClient();
  const [active, failed, projects] = await Promise.all([
    readListPage(supabase, sandboxKeys.active()),
    readListPage(supabase, sandboxKeys.failed()),
    listProjects(supabase).catch(() => []),
  ]);
  return (
    <>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="text-muted">
          Signed in as <strong className="font-semibold text-foreground">{user.email ?? user.id}</strong>
        </p>
      </div>
      <SandboxSummaryWidget projects={projects} fallback={{ active, failed }} />
    </>
  );
}
