import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { SandboxDetailView } from "@/components/sandbox/sandbox-detail-view";
import { requireSignedInUser } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects/list-projects";
import { getSandbox } from "@/lib/sandbox/data/get-sandbox";
import { statusLabels } from "@/lib/sandbox/format";
import { readSandboxTab } from "@/lib/sandbox/sandbox-tabs";
import { sandboxIdSchema } from "@/lib/sandbox/schemas";
import { createClient } from "@/lib/supabase/server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The row through RLS, once per request (metadata and page share it); null for a malformed, unknown or someone else's id. */
const readSandbox = cache(async (id: string) => {
  if (!sandboxIdSchema.safeParse(id).success) return null;
  return getSandbox(await createClient(), id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const row = await readSandbox((await params).id).catch(() => null);
  return { title: row ? `${row.sandbox_id} · ${statusLabels[row.status]}` : "Sandbox not found" };
}

export default async function SandboxDetailPage({ params, searchParams }: Props) {
  const { id } = await params;
  const tab = readSandboxTab((await searchParams).tab);
  await requireSignedInUser(`/dashboard/sandbox/${id}`);
  const row = await readSandbox(id);
  if (!row) notFound();
  const projects = row.project_id ? await listProjects(await createClient()).catch(() => []) : [];
  const projectName = projects.find((project) => project.id === row.project_id)?.name ?? null;
  return <SandboxDetailView key={row.id} initial={row} projectName={projectName} initialTab={tab} />;
}
