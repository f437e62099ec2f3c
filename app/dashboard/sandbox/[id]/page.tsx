import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SandboxDetailView } from "@/components/sandbox/sandbox-detail-view";
import { requireSignedInUser } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/list-projects";
import { getSandbox } from "@/lib/sandbox/data/get-sandbox";
import { statusLabels } from "@/lib/sandbox/format";
import { sandboxIdSchema } from "@/lib/sandbox/schemas";
import { createClient } from "@/lib/supabase/server";

type Props = { params: Promise<{ id: string }> };

/** The row through RLS; not found (the page's 404) for a malformed, unknown or someone else's id. */
async function readSandbox(id: string) {
  if (!sandboxIdSchema.safeParse(id).success) notFound();
  const supabase = await createClient();
  const row = await getSandbox(supabase, id);
  if (!row) notFound();
  return { supabase, row };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!sandboxIdSchema.safeParse(id).success) return { title: "Sandbox not found" };
  const row = await getSandbox(await createClient(), id).catch(() => null);
  return { title: row ? `${row.sandbox_id} · ${statusLabels[row.status]}` : "Sandbox not found" };
}

export default async function SandboxDetailPage({ params }: Props) {
  const { id } = await params;
  await requireSignedInUser(`/dashboard/sandbox/${id}`);
  const { supabase, row } = await readSandbox(id);
  const projects = row.project_id ? await listProjects(supabase).catch(() => []) : [];
  const projectName = projects.find((project) => project.id === row.project_id)?.name ?? null;
  return <SandboxDetailView key={row.id} initial={row} projectName={projectName} />;
}
