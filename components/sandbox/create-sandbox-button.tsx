"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useCreateSandbox } from "@/hooks/use-create-sandbox";
import type { ProjectOption } from "@/lib/projects/list-projects";
import { CreateProgress } from "./create-progress";
import { CreateSandboxForm } from "./create-sandbox-form";
import { fieldErrors, initialFormValues, readCreateForm, type CreateFormValues, type FieldErrors } from "./read-create-form";

/**
 * "New sandbox": a button and its dialog. The request can take about two minutes; the dialog shows
 * the steps the orchestrator writes (seen through realtime), may be closed meanwhile, and goes to the
 * sandbox when it is ready. Errors stay in place until the user acts.
 */
export function CreateSandboxButton({
  projects,
  disabledReason,
  reasonShownAt,
  label = "New sandbox",
  variant = "primary",
}: {
  projects: ProjectOption[];
  /** Set at the active limit: the button is disabled and says why. */
  disabledReason?: string | null;
  /** The id of the reason's text when the caller shows it elsewhere (under a row of buttons). */
  reasonShownAt?: string;
  label?: string;
  variant?: "primary" | "secondary";
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<CreateFormValues>(initialFormValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { outcome, create, rows, reset } = useCreateSandbox();
  // Read when the request ends, which may be after the dialog was closed.
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  const router = useRouter();
  const ownReasonId = useId();
  const reasonId = reasonShownAt ?? ownReasonId;

  // Each refused submit moves focus to the first field with a problem (the summary above is an alert).
  const formRef = useRef<HTMLFormElement>(null);
  const [errorRound, setErrorRound] = useState(0);
  useEffect(() => {
    if (errorRound === 0) return;
    const form = formRef.current;
    // A preset lifetime the API refused has no field of its own: its chosen option takes focus.
    (
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>("[data-invalid] input:checked")
    )?.focus();
  }, [errorRound]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create(async () => {
      const read = await readCreateForm(values);
      if ("errors" in read) {
        setErrors(read.errors);
        setErrorRound((round) => round + 1);
        return undefined;
      }
      setErrors({});
      return read.input;
    });
    if (result?.kind === "failed") {
      if (!openRef.current) toast.error(`Sandbox ${result.instance.sandbox_id} failed to start.`, { duration: Infinity });
    } else if (result?.kind === "error") {
      if (result.error.code === "validation") {
        setErrors(fieldErrors(result.error.details?.fields ?? []));
        setErrorRound((round) => round + 1);
      }
      if (!openRef.current) toast.error(`Creating a sandbox failed: ${result.error.message}`, { duration: Infinity });
    } else if (result?.kind === "created") {
      const { instance } = result;
      reset();
      setValues(initialFormValues);
      if (openRef.current) {
        setOpen(false);
        router.push(`/dashboard/sandbox/${instance.id}`);
      } else {
        toast.success(`Sandbox ${instance.sandbox_id} is ready.`, {
          action: { label: "Open", onClick: () => router.push(`/dashboard/sandbox/${instance.id}`) },
        });
      }
    }
  }

  const trigger = (
    <Button variant={variant} disabled={Boolean(disabledReason)} aria-describedby={disabledReason ? reasonId : undefined}>
      <Plus aria-hidden="true" />
      {label}
    </Button>
  );

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {/* Narrow, so the reason wraps under the button instead of pushing its neighbours away (or off a phone's edge). */}
      <span className="inline-flex max-w-full flex-col items-start gap-1">
        <DialogTrigger asChild>{trigger}</DialogTrigger>
        {disabledReason && !reasonShownAt && (
          <span id={reasonId} className="max-w-56 text-xs text-muted">
            {disabledReason}
          </span>
        )}
      </span>
      <DialogContent title="New sandbox" description="A container of your own to run commands in, for the lifetime you choose.">
        {outcome.kind === "submitting" ? (
          <CreateProgress since={outcome.since} knownIds={outcome.knownIds} rows={rows} />
        ) : (
          <CreateSandboxForm
            formRef={formRef}
            projects={projects}
            values={values}
            setValues={setValues}
            errors={errors}
            outcome={outcome}
            onSubmit={(event) => void submit(event)}
            onCancel={() => setOpen(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}
