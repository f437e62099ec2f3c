import type { SandboxInstance } from "./types";

/** What an exec needs of a row the caller was shown through RLS. */
export interface ExecTarget {
  sandboxId: string;
  expiresAt: number | null;
}

interface Entry extends ExecTarget {
  userId: string;
  rememberedAt: number;
}

export interface ExecTargetsOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * A short per-user memory of "this user's RLS read showed row `id`, runnable, with this sandbox":
 * a terminal sends command after command to one sandbox, and each would otherwise pay a
 * PostgREST round trip before the orchestrator. It is safe because a row's owner never changes
 * (users cannot write rows; see the server-writes migration) and it is keyed by user, so it never
 * answers for another user. Status can change behind it: the caller forgets the entry and
 * re-reads the row when the orchestrator refuses, and stop and delete forget it at once.
 */
export function createExecTargets({ ttlMs = 30_000, maxEntries = 10_000, now = Date.now }: ExecTargetsOptions = {}) {
  const entries = new Map<string, Entry>();
  return {
    get(userId: string, id: string): ExecTarget | null {
      const entry = entries.get(id);
      if (!entry || entry.userId !== userId) return null;
      const at = now();
      if (at - entry.rememberedAt >= ttlMs || (entry.expiresAt !== null && entry.expiresAt <= at)) {
        entries.delete(id);
        return null;
      }
      return { sandboxId: entry.sandboxId, expiresAt: entry.expiresAt };
    },
    remember(userId: string, row: Pick<SandboxInstance, "id" | "sandbox_id" | "expires_at">): void {
      entries.delete(row.id);
      // Oldest first: a Map keeps insertion order.
      while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const expiresAt = row.expires_at === null ? null : Date.parse(row.expires_at);
      entries.set(row.id, {
        userId,
        sandboxId: row.sandbox_id,
        expiresAt: Number.isFinite(expiresAt) ? expiresAt : null,
        rememberedAt: now(),
      });
    },
    forget(id: string): void {
      entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
}

/** The server's one instance (per process; every entry is also checked by the orchestrator). */
export const execTargets = createExecTargets();
