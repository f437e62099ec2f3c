import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";

export type SandboxStatus = "creating" | "starting" | "ready" | "running" | "shutting_down" | "stopped" | "failed" | "expired";
export type StopReason = "user_requested" | "expired" | "error" | "graceful_shutdown" | "admin";

export const activeStatuses: SandboxStatus[] = ["creating", "starting", "ready", "running"];
export const terminalStatuses: SandboxStatus[] = ["stopped", "failed", "expired"];

/** The columns of public.sandbox_instances this service writes. */
export interface RegistryRow {
  sandbox_id: string;
  user_id: string;
  status?: SandboxStatus;
  container_id?: string | null;
  hot_path?: string;
  cold_path?: string;
  config?: Record<string, unknown>;
  ttl_seconds?: number;
  last_heartbeat_at?: string;
  stopped_at?: string | null;
  stop_reason?: StopReason | null;
  created_at?: string;
}

export interface StoredRow extends Required<Pick<RegistryRow, "sandbox_id" | "user_id">> {
  status: SandboxStatus;
  container_id: string | null;
  config: Record<string, unknown> | null;
  ttl_seconds: number;
  created_at: string;
  expires_at: string | null;
  stopped_at: string | null;
  stop_reason: StopReason | null;
}

export interface Registry {
  /** False when rows are not kept anywhere outside this process. */
  persistent: boolean;
  /** Upsert keyed by sandbox_id; returns the row's expires_at (set by the table's trigger). */
  write(row: RegistryRow): Promise<{ expires_at: string | null }>;
  /** Changes an existing row only: a row someone deleted stays deleted. */
  update(sandboxId: string, patch: Omit<RegistryRow, "sandbox_id" | "user_id">): Promise<void>;
  rowsFor(sandboxIds: string[]): Promise<StoredRow[]>;
  /** Which of these ids are active and past expires_at. */
  expiredAmong(sandboxIds: string[]): Promise<string[]>;
  close(): Promise<void>;
}

const chunk = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

export function supabaseRegistry(url: string, secretKey: string): Registry {
  const client: SupabaseClient = createClient(url, secretKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
  const table = () => client.from("sandbox_instances");
  const fail = (what: string, error: { message: string }) => new Error(`registry ${what} failed: ${error.message}`);

  async function select(
    build: (q: ReturnType<ReturnType<typeof table>["select"]>) => PromiseLike<{ data: unknown; error: { message: string } | null }>,
  ) {
    const { data, error } = await build(table().select("*"));
    if (error) throw fail("read", error);
    return data as StoredRow[];
  }

  return {
    persistent: true,
    async write(row) {
      const { data, error } = await table().upsert(row, { onConflict: "sandbox_id" }).select("expires_at").single();
      if (error) throw fail("write", error);
      return data as { expires_at: string | null };
    },
    async update(sandboxId, patch) {
      const { error } = await table().update(patch).eq("sandbox_id", sandboxId);
      if (error) throw fail("update", error);
    },
    async rowsFor(ids) {
      const parts = await Promise.all(chunk(ids, 100).map((part) => select((q) => q.in("sandbox_id", part))));
      return parts.flat();
    },
    async expiredAmong(ids) {
      const now = new Date().toISOString();
      const parts = await Promise.all(
        chunk(ids, 100).map((part) => select((q) => q.in("sandbox_id", part).in("status", activeStatuses).lt("expires_at", now))),
      );
      return parts.flat().map((r) => r.sandbox_id);
    },
    async close() {
      await client.removeAllChannels();
    },
  };
}

/** Rows kept in this process only, with the table's expires_at rule; used when no Supabase is configured. */
export function memoryRegistry(): Registry {
  const rows = new Map<string, StoredRow>();
  const registry: Registry = {
    persistent: false,
    async update(sandboxId, patch) {
      const row = rows.get(sandboxId);
      if (row) await registry.write({ ...patch, sandbox_id: sandboxId, user_id: row.user_id });
    },
    async write(row) {
      const previous = rows.get(row.sandbox_id);
      const next: StoredRow = {
        status: "creating",
        container_id: null,
        config: {},
        ttl_seconds: 7200,
        created_at: new Date().toISOString(),
        expires_at: null,
        stopped_at: null,
        stop_reason: null,
        ...previous,
        ...(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as Partial<StoredRow>),
      } as StoredRow;
      if ((next.status === "ready" || next.status === "running") && next.expires_at === null) {
        next.expires_at = new Date(Date.now() + next.ttl_seconds * 1000).toISOString();
      }
      rows.set(row.sandbox_id, next);
      return { expires_at: next.expires_at };
    },
    rowsFor: async (ids) => ids.flatMap((id) => rows.get(id) ?? []),
    expiredAmong: async (ids) =>
      ids.filter((id) => {
        const r = rows.get(id);
        return r && activeStatuses.includes(r.status) && r.expires_at !== null && Date.parse(r.expires_at) < Date.now();
      }),
    close: async () => {},
  };
  return registry;
}
