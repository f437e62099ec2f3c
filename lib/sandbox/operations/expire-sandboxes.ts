import "server-only";
import type { OrchestratorClient } from "@/lib/orchestrator/client";
import { OrchestratorError } from "@/lib/orchestrator/errors";
import { log } from "@/lib/log";
import { claimExpiredSandboxes, type ExpiryClaim } from "../data/claim-expired-sandboxes";
import { recordSandboxExpired } from "../data/record-sandbox-expired";
import { releaseExpiryClaim } from "../data/release-expiry-claim";
import { execTargets } from "../exec-targets";

/** What one run did; the cron route answers with it. */
export interface ExpiryRun {
  /** Sandboxes past their expiry this run took on. */
  claimed: number;
  /** Recorded expired: destroyed by the orchestrator, or already unknown to it. */
  expired: number;
  /** Of those, the ones the orchestrator no longer knew (its 404): only the row was ended. */
  already_gone: number;
  /** The orchestrator (or the database) failed for these: the next run tries them again. */
  failed: number;
  /** Not started before the run's time was up: left to the next run. */
  deferred: number;
}

export interface ExpireOptions {
  /** Only this user's sandboxes (a create ends its user's own first). */
  userId?: string;
  /** Most rows one run takes on. Default 50. */
  limit?: number;
  /** Destroys in flight at once. Default 4. */
  concurrency?: number;
  /** No destroy starts after this long; the rest are given back. Default 30 s. */
  budgetMs?: number;
}

/**
 * Ends sandboxes past their expires_at: the production orchestrator never does. Each row is
 * claimed in Postgres first, so runs at the same time (several server instances, a schedule and
 * a create) never destroy or record the same one twice. The expiry is recorded after the
 * destroy returns, over the stopped row the orchestrator writes.
 */
export async function expireSandboxes(orchestrator: OrchestratorClient, options: ExpireOptions = {}): Promise<ExpiryRun> {
  const claims = await claimExpiredSandboxes({ limit: options.limit ?? 50, userId: options.userId });
  const run: ExpiryRun = { claimed: claims.length, expired: 0, already_gone: 0, failed: 0, deferred: 0 };
  const startBy = Date.now() + (options.budgetMs ?? 30_000);
  const queue = [...claims];
  const worker = async () => {
    for (let claim = queue.shift(); claim; claim = queue.shift()) {
      if (Date.now() > startBy) {
        run.deferred++;
        await releaseExpiryClaim(claim).catch(() => {});
      } else {
        await expireOne(orchestrator, claim, run);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, claims.length) }, worker));
  if (run.claimed > 0) log.info("expired sandboxes", { ...run });
  return run;
}

async function expireOne(orchestrator: OrchestratorClient, claim: ExpiryClaim, run: ExpiryRun): Promise<void> {
  execTargets.forget(claim.id);
  let gone = false;
  try {
    await orchestrator.destroySandbox(claim.sandboxId, false);
  } catch (error) {
    if (error instanceof OrchestratorError && error.kind === "not_found") {
      gone = true;
    } else {
      run.failed++;
      log.warn("an expired sandbox could not be ended; the next run tries again", { sandbox_id: claim.sandboxId, error });
      // Unreleased, the claim still lapses after its lease.
      await releaseExpiryClaim(claim).catch(() => {});
      return;
    }
  }
  try {
    if (await recordSandboxExpired(claim)) {
      run.expired++;
      if (gone) run.already_gone++;
    }
  } catch (error) {
    // The row keeps its claim: once the lease is over, a later run destroys (a no-op now) and records it.
    run.failed++;
    log.error("an expired sandbox was ended but its expiry could not be recorded", { sandbox_id: claim.sandboxId, error });
  }
}
