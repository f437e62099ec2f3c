import { parseSandboxInstance } from "../to-sandbox-instance";
import type { SandboxChange } from "../cache/apply-sandbox-change";

/** What realtime-js hands a postgres_changes listener (the parts used here). */
export interface PostgresChangePayload {
  eventType: "INSERT" | "UPDATE" | "DELETE" | string;
  new: unknown;
  old: unknown;
}

/** A realtime payload as a change, or null when it is malformed (rows from realtime bypass the API's checks). */
export function changeFromPayload(payload: PostgresChangePayload): SandboxChange | null {
  if (payload.eventType === "INSERT" || payload.eventType === "UPDATE") {
    const row = parseSandboxInstance(payload.new);
    return row ? { type: "upsert", row } : null;
  }
  if (payload.eventType === "DELETE") {
    // Under RLS a delete carries only the primary key.
    const id = (payload.old as { id?: unknown } | null)?.id;
    return typeof id === "string" && id.length > 0 ? { type: "delete", id } : null;
  }
  return null;
}
