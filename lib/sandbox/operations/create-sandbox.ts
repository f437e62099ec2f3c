import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { isOwnProject } from "../data/is-own-project";
import { recordCreatedSandbox } from "../data/record-created-sandbox";
import { releaseSandboxSlot, reserveSandboxSlot } from "../data/sandbox-slots";
import type { createSandboxSchema } from "../schemas";
import type { SandboxInstance } from "../types";
import type { SandboxCaller } from "./sandbox-caller";
import { expireSandboxes } from "./expire-sandboxes";
import { rethrowIfDropped } from "./rethrow-if-dropped";
import { log } from "@/lib/log";

/** The longest a create waits for the user's own expired sandboxes to be ended first. */
export const expireFirstBudgetMs = 3_000;

/**
 * Holds a slot, asks the orchestrator for the sandbox (it may take two minutes),
 * then records exactly one row with the chosen lifetime. Called without the
 * browser's abort signal: a creation the user walked away from still completes.
 */
export async function createSandbox(
  caller: SandboxCaller,
  input: z.output<typeof createSandboxSchema>,
  activeLimit: number,
): Promise<SandboxInstance> {
  const projectId = input.project_id ?? null;
  if (projectId && !(await isOwnProject(caller.supabase, projectId))) {
    throw new ApiError("validation", "project_id is not one of your projects.", {
      fields: [{ field: "project_id", message: "is not one of your projects" }],
    });
  }
  await endOwnExpiredSandboxes(caller);
  const reservationId = await reserveSandboxSlot(caller.userId, activeLimit);
  if (!reservationId) {
    throw new ApiError("limit_reached", `You already have ${activeLimit} active sandboxes, the most allowed. Stop one to create another.`, {
      limit: activeLimit,
    });
  }
  try {
    const sandbox = await caller.orchestrator.createSandbox(caller.userId, {
      ...input.config,
      ttl_seconds: input.ttl_seconds,
      // Lets the limit check tell the orchestrator's in-flight row from a settled one;
      // users cannot set it (the schema refuses it) and recording the row removes it.
      dashboard_reservation_id: reservationId,
    });
    return await recordCreatedSandbox({
      reservationId,
      userId: caller.userId,
      sandbox,
      config: input.config,
      ttlSeconds: input.ttl_seconds,
      projectId,
    });
  } catch (error) {
    // Also ends the row the orchestrator may have written before it failed (release_sandbox_slot).
    await releaseSandboxSlot(reservationId).catch(() => {});
    rethrowIfDropped(
      error,
      "The sandbox service stopped answering while your sandbox was being created: it was not created (if it is in your list, it shows as failed). Try again in a moment.",
    );
    throw error;
  }
}

/**
 * Ends the user's sandboxes past their expiry before making another (the limit already ignores
 * them; their containers may still run). A slow orchestrator delays the create by at most
 * expireFirstBudgetMs: the rest finishes behind it, or is left to the schedule.
 */
async function endOwnExpiredSandboxes(caller: SandboxCaller): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ending = expireSandboxes(caller.orchestrator, { userId: caller.userId, limit: 20, budgetMs: expireFirstBudgetMs }).catch(
    (error: unknown) => log.warn("ending the user's expired sandboxes before a create failed", { error }),
  );
  await Promise.race([ending, new Promise((resolve) => (timer = setTimeout(resolve, expireFirstBudgetMs)))]);
  clearTimeout(timer);
}
