import { sandboxKeys } from "./keys";
import type { ListView } from "./realtime/apply-sandbox-change";
import { activeStatuses, endedStatuses, type SandboxStatus } from "./status";

/** One list request, written in one order so that every page builds the same SWR key for it. */
export function listKey(view: Partial<ListView> & { limit?: number; offset?: number }): string {
  const params = new URLSearchParams();
  if (view.status?.length) params.set("status", view.status.join(","));
  if (view.q) params.set("q", view.q);
  if (view.sort && view.sort !== "created") params.set("sort", view.sort);
  params.set("limit", String(view.limit ?? 50));
  if (view.offset) params.set("offset", String(view.offset));
  return sandboxKeys.list(params);
}

/** Every active sandbox of the user (at most the active limit plus a few shutting down): the widget and the capacity meter. */
export const activeListKey = listKey({ status: [...activeStatuses], limit: 100 });
/** Failures the widget counts (the newest 100). */
export const failedListKey = listKey({ status: ["failed"], limit: 100 });

export const endedStatusList: SandboxStatus[] = [...endedStatuses];
