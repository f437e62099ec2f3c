import type { Metadata } from "next";
import { SandboxListView } from "@/components/sandbox/sandbox-list-view";
import { requireSignedInUser } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/list-projects";
import { readListPage } from "@/lib/sandbox/read-list-page";
import { listPageKeys, readListPageState } from "@/lib/sandbox/list-view-params";
import { createClient } from "@/lib/supabase/server";

export const metadata: Metadata = { title: "Sandboxes" };

export default async function SandboxListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSignedInUser("/dashboard/sandbox");
  const state = readListPageState(await searchParams);
  const supabase = await createClient();
  const keys = listPageKeys(state);
  const [capacity, active, ended, endedCount, failedCount, projects] = await Promise.all([
    readListPage(supabase, keys.capacity),
    readListPage(supabase, keys.active),
    readListPage(supabase, keys.endedFirstPage),
    readListPage(supabase, keys.endedCount),
    readListPage(supabase, keys.failedCount),
    listProjects(supabase).catch(() => []),
  ]);
  return (
    <SandboxListView
      // A new URL (a link with other filters) starts a fresh view.
      key={JSON.stringify(state)}
      initial={state}
      fallback={{ capacity, active, ended, endedCount, failedCount }}
      projects={projects}
    />
  );
}
