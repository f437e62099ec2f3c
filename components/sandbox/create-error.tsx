import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { CreateProblem } from "@/hooks/use-create-sandbox";

/** A refused or failed create, in words, with what to do next. */
export function CreateError({ error }: { error: CreateProblem }) {
  // Unavailable: the request never reached the service, or the service went away under it (then
  // the create ended its half-made row as failed). Anything else may still finish upstream.
  const mayStillAppear = (error.status === 502 && error.code !== "orchestrator_unavailable") || error.status === 504;
  return (
    <Alert variant="error" icon={AlertTriangle}>
      <div className="flex flex-col gap-1">
        <p>{error.message}</p>
        {error.code === "limit_reached" && (
          <p>
            <Link href="/dashboard/sandbox?view=active" className="font-medium underline">
              See your active sandboxes
            </Link>{" "}
            and stop one to make room.
          </p>
        )}
        {mayStillAppear && <p>The sandbox may still be created: it may still appear in your list in a minute or two.</p>}
      </div>
    </Alert>
  );
}
