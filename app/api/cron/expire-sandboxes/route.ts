import { cronRoute, type CronContext } from "@/lib/api/cron-route";
import { json } from "@/lib/api/api-route";
import { allowOnly } from "@/lib/api/method-not-allowed";
import { expireSandboxes } from "@/lib/sandbox/operations/expire-sandboxes";

// A run stops starting destroys after 30 s; those in flight may take up to four orchestrator timeouts.
export const maxDuration = 120;

const run = async ({ orchestrator, log }: CronContext) => {
  const result = await expireSandboxes(orchestrator);
  Object.assign(log.extra, result);
  return json(result);
};

// Vercel Cron sends GET; pg_net and other schedulers may POST.
export const GET = cronRoute("/api/cron/expire-sandboxes", run);
export const POST = cronRoute("/api/cron/expire-sandboxes", run);

const allowed = allowOnly("GET", "POST");
export const PUT = allowed.refuse;
export const PATCH = allowed.refuse;
export const DELETE = allowed.refuse;
export const OPTIONS = allowed.options;
