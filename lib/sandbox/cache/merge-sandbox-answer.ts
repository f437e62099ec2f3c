import type { SandboxInstance, SandboxListPage } from "../types";
import { compareRows, isStale } from "./apply-sandbox-change";
import type { SandboxDetailKey, SandboxListKey } from "./sandbox-keys";

/**
 * Merges an API answer for a sandbox key (a list page or one sandbox) with what the cache holds now,
 * so a row never goes back in time: an answer read before a realtime event already applied must not
 * undo it. A row in both keeps the newer `updated_at` (equal or unreadable: the answer's); rows only in
 * the answer are taken and rows only in the cache are dropped (deleted or moved, the answer decides).
 */
export function mergeSandboxAnswer(key: SandboxListKey | SandboxDetailKey, answer: unknown, cached: unknown): unknown {
  if (answer === undefined || answer === null || cached === undefined || cached === null) return answer;
  if (key[1] === "list") {
    const page = answer as SandboxListPage;
    const held = (cached as Partial<SandboxListPage>).instances;
    if (!Array.isArray(page.instances) || !Array.isArray(held)) return answer;
    const byId = new Map(held.map((row) => [row.id, row]));
    let changed = false;
    const instances = page.instances.map((row) => {
      const mine = byId.get(row.id);
      if (!mine || !isStale(row, mine)) return row;
      changed = true;
      return mine;
    });
    return changed ? { ...page, instances: instances.sort(compareRows(key[2].sort)) } : answer;
  }
  const id = key[2];
  const row = answer as SandboxInstance;
  const mine = cached as SandboxInstance;
  return row.id === id && mine.id === id && isStale(row, mine) ? mine : answer;
}
