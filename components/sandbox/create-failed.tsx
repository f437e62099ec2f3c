import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import type { SandboxInstance } from "@/lib/sandbox/types";

/** A create the API answered with a failed sandbox: a failure, with a link to it. */
export function CreateFailed({ instance }: { instance: SandboxInstance }) {
  return (
    <Alert variant="error" icon={AlertTriangle}>
      <p>
        The sandbox <code className="font-mono">{instance.sandbox_id}</code> failed to start.{" "}
        <Link href={`/dashboard/sandbox/${instance.id}`} className="font-medium underline">
          See its details
        </Link>{" "}
        or try again.
      </p>
    </Alert>
  );
}
