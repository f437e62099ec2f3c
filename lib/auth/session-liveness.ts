import "server-only";
import { createServiceClient } from "@/lib/supabase/service";

/**
 * How long an answer "this session is still alive" is trusted. Access tokens are verified
 * locally and stay valid for an hour after sign-out; this bounds how long an ended session
 * (sign-out, sign-out everywhere, a deleted or banned user) still gets in.
 */
const sessionRecheckMs = 10_000;

/** Sessions that ended: they never come back, so this answer is kept (the oldest forgotten first). */
const maxEndedRemembered = 10_000;

interface Entry {
  alive: boolean;
  checkedAt: number;
  pending?: Promise<boolean>;
}

const entries = new Map<string, Entry>();
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether auth still has this session (auth.sessions, through `auth_session_is_active`). Asked
 * at most once per `sessionRecheckMs` per session and process, and once at a time: the calls in
 * between answer from memory. Throws when the database cannot be asked and nothing fresh is known.
 */
export async function isSessionAlive(sessionId: string, now = Date.now()): Promise<boolean> {
  // Auth names sessions by UUID; anything else was never one of its sessions.
  if (!uuidPattern.test(sessionId)) return false;
  const known = entries.get(sessionId);
  if (known && (!known.alive || now - known.checkedAt < sessionRecheckMs)) return known.alive;
  if (known?.pending) return known.pending;
  const pending = askDatabase(sessionId).then(
    (alive) => {
      remember(sessionId, { alive, checkedAt: Date.now() });
      return alive;
    },
    (error: unknown) => {
      if (known) entries.set(sessionId, { alive: known.alive, checkedAt: known.checkedAt });
      else entries.delete(sessionId);
      throw error;
    },
  );
  entries.set(sessionId, { alive: known?.alive ?? true, checkedAt: known?.checkedAt ?? 0, pending });
  return pending;
}

async function askDatabase(sessionId: string): Promise<boolean> {
  const { data, error } = await createServiceClient().rpc("auth_session_is_active", { p_session_id: sessionId });
  if (error) throw new Error(`could not check the session: ${error.message}`);
  return data === true;
}

function remember(sessionId: string, entry: Entry): void {
  entries.delete(sessionId);
  entries.set(sessionId, entry);
  // Live entries are re-asked anyway; the map is bounded so a flood of sessions cannot grow it.
  while (entries.size > maxEndedRemembered) entries.delete(entries.keys().next().value!);
}
