"use client";

import { AlertTriangle, Check, Circle, Loader2, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { useNow } from "@/hooks/use-now";
import { useSandboxList } from "@/hooks/use-sandboxes";
import type { ProjectOption } from "@/lib/projects/list-projects";
import { SandboxApiError } from "@/lib/sandbox/api-client";
import { formatCountdown } from "@/lib/sandbox/format";
import { activeListKey } from "@/lib/sandbox/list-keys";
import { writeChangeToCache } from "@/lib/sandbox/realtime/cache-writer";
import { sandboxApi } from "@/lib/sandbox/sandbox-fetcher";
import { reservedConfigKeys, ttlLimits } from "@/lib/sandbox/request-limits";
import { serverNow } from "@/lib/sandbox/server-clock";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { useSWRConfig } from "swr";
import {
  fieldErrors,
  initialFormValues,
  lifetimePresets,
  readCreateForm,
  type CreateFormValues,
  type FieldErrors,
} from "./create-sandbox-form";

type Outcome =
  | { kind: "form" }
  | { kind: "submitting"; since: number; knownIds: ReadonlySet<string> }
  | { kind: "error"; error: CreateProblem }
  | { kind: "failed"; instance: SandboxInstance };

const steps = [
  { status: "creating", label: "Creating the container" },
  { status: "starting", label: "Starting it" },
  { status: "ready", label: "Ready" },
] as const;

/** What the dialog shows of a failed request (a SandboxApiError's fields). */
export interface CreateProblem {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

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
  const [outcome, setOutcome] = useState<Outcome>({ kind: "form" });
  // Read when the request ends, which may be after the dialog was closed.
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);
  const router = useRouter();
  const { cache, mutate } = useSWRConfig();
  const { data: active } = useSandboxList(activeListKey);
  const ownReasonId = useId();
  const reasonId = reasonShownAt ?? ownReasonId;

  const submitting = outcome.kind === "submitting";

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

  // From the click until the request has ended: the form's check waits for its schema to load, and
  // a second click meanwhile must not send a second request.
  const sending = useRef(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting || sending.current) return;
    sending.current = true;
    try {
      await send();
    } finally {
      sending.current = false;
    }
  }

  async function send() {
    const read = await readCreateForm(values);
    if ("errors" in read) {
      setErrors(read.errors);
      setErrorRound((round) => round + 1);
      return;
    }
    setErrors({});
    setOutcome({ kind: "submitting", since: serverNow(), knownIds: new Set(active?.instances.map((row) => row.id) ?? []) });
    try {
      const instance = await sandboxApi.create(read.input);
      writeChangeToCache(cache, mutate, { type: "upsert", row: instance });
      if (instance.status === "failed") {
        setOutcome({ kind: "failed", instance });
        if (!openRef.current) toast.error(`Sandbox ${instance.sandbox_id} failed to start.`, { duration: Infinity });
        return;
      }
      setOutcome({ kind: "form" });
      setValues(initialFormValues);
      if (openRef.current) {
        setOpen(false);
        router.push(`/dashboard/sandbox/${instance.id}`);
      } else {
        toast.success(`Sandbox ${instance.sandbox_id} is ready.`, {
          action: { label: "Open", onClick: () => router.push(`/dashboard/sandbox/${instance.id}`) },
        });
      }
    } catch (error) {
      const problem: CreateProblem =
        error instanceof SandboxApiError
          ? { status: error.status, code: error.code, message: error.message, details: error.details }
          : { status: 0, code: "internal", message: "Something went wrong. Try again." };
      if (problem.code === "validation") {
        setErrors(fieldErrors(problem.details));
        setErrorRound((round) => round + 1);
      }
      setOutcome({ kind: "error", error: problem });
      if (!openRef.current) toast.error(`Creating a sandbox failed: ${problem.message}`, { duration: Infinity });
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
        {submitting ? (
          <CreateProgress since={outcome.since} knownIds={outcome.knownIds} rows={active?.instances ?? []} />
        ) : (
          <form onSubmit={submit} noValidate className="flex flex-col gap-4" ref={formRef}>
            <ErrorSummary errors={errors} />
            <LifetimeField values={values} setValues={setValues} error={errors.ttl_seconds} />
            <ProjectField
              projects={projects}
              value={values.projectId}
              onChange={(projectId) => setValues({ ...values, projectId })}
              error={errors.project_id}
            />
            <ConfigField value={values.configText} onChange={(configText) => setValues({ ...values, configText })} error={errors.config} />
            {outcome.kind === "error" && <CreateError error={outcome.error} />}
            {outcome.kind === "failed" && <FailedInstance instance={outcome.instance} />}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button type="submit" variant="primary">
                {outcome.kind === "error" || outcome.kind === "failed" ? "Try again" : "Create sandbox"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

const fieldNames: Record<keyof FieldErrors, string> = {
  ttl_seconds: "Lifetime",
  project_id: "Project",
  config: "Configuration",
  body: "Request",
};

/** Every problem of the last submit, announced at once (each is also under its field). */
function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = (Object.keys(fieldNames) as (keyof FieldErrors)[]).filter((key) => errors[key]);
  if (entries.length === 0) return null;
  return (
    <Alert variant="error" className="block" data-testid="create-errors">
      <p className="font-medium">{entries.length === 1 ? "One problem to fix:" : `${entries.length} problems to fix:`}</p>
      <ul className="list-disc pl-5">
        {entries.map((key) => (
          <li key={key}>
            {fieldNames[key]}: {capitalize(errors[key]!)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function LifetimeField({
  values,
  setValues,
  error,
}: {
  values: CreateFormValues;
  setValues: (v: CreateFormValues) => void;
  error?: string;
}) {
  const customId = useId();
  const errorId = useId();
  return (
    <fieldset className="flex flex-col gap-2" data-invalid={error ? "" : undefined}>
      <legend className="mb-1 text-sm font-medium">Lifetime</legend>
      <div className="flex flex-wrap gap-2">
        {[...lifetimePresets.map((p) => ({ value: String(p.seconds), label: p.label })), { value: "custom", label: "Custom" }].map(
          (option) => (
            <label
              key={option.value}
              className={cn(
                "cursor-pointer rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-accent",
                values.lifetime === option.value ? "border-accent bg-accent text-accent-foreground" : "border-border hover:bg-surface",
              )}
            >
              <input
                type="radio"
                name="lifetime"
                value={option.value}
                checked={values.lifetime === option.value}
                onChange={() => setValues({ ...values, lifetime: option.value })}
                aria-describedby={error ? errorId : undefined}
                className="sr-only"
              />
              {option.label}
              {option.value === String(ttlLimits.default) && <span className="sr-only"> (default)</span>}
            </label>
          ),
        )}
      </div>
      {values.lifetime === "custom" && (
        <div className="flex flex-col gap-1">
          <label htmlFor={customId} className="text-sm">
            Seconds ({ttlLimits.min} to {ttlLimits.max.toLocaleString("en")})
          </label>
          <input
            id={customId}
            inputMode="numeric"
            value={values.customSeconds}
            onChange={(event) => setValues({ ...values, customSeconds: event.target.value })}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? errorId : undefined}
            className="w-40 rounded-md border border-border bg-background px-2 py-1.5 text-sm"
          />
        </div>
      )}
      {error && (
        <p id={errorId} className="text-sm text-danger">
          {capitalize(error)}
        </p>
      )}
    </fieldset>
  );
}

function ProjectField({
  projects,
  value,
  onChange,
  error,
}: {
  projects: ProjectOption[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const id = useId();
  const errorId = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        Project <span className="font-normal text-muted">(optional)</span>
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        className="rounded-md border border-border bg-background px-2 py-1.5 text-sm"
      >
        <option value="">No project</option>
        {projects.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="text-sm text-danger">
          {capitalize(error)}
        </p>
      )}
    </div>
  );
}

function ConfigField({ value, onChange, error }: { value: string; onChange: (text: string) => void; error?: string }) {
  const id = useId();
  const errorId = useId();
  return (
    <details className="rounded-md border border-border p-3" open={Boolean(error) || undefined}>
      <summary className="cursor-pointer text-sm font-medium">Advanced: configuration (JSON)</summary>
      <div className="mt-2 flex flex-col gap-1">
        <label htmlFor={id} className="text-sm text-muted">
          A JSON object for the sandbox service, at most 16 KB. The dashboard sets {reservedConfigKeys.join(" and ")} itself.
        </label>
        <textarea
          id={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          rows={5}
          spellCheck={false}
          placeholder='{"purpose": "experiment"}'
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          className="rounded-md border border-border bg-background p-2 font-mono text-sm"
        />
        {error && (
          <p id={errorId} className="text-sm text-danger">
            {capitalize(error)}
          </p>
        )}
      </div>
    </details>
  );
}

/** The steps the new sandbox has reached (its row comes by realtime), with the time spent so far. */
export function CreateProgress({ since, knownIds, rows }: { since: number; knownIds: ReadonlySet<string>; rows: SandboxInstance[] }) {
  const now = useNow();
  // The newest row that was not there when the request went out and was created after it.
  const row = rows
    .filter((candidate) => !knownIds.has(candidate.id) && Date.parse(candidate.created_at) >= since - 10_000)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0];
  const reached = row ? steps.findIndex((step) => step.status === row.status) : -1;
  return (
    <div className="flex flex-col gap-4" role="status" aria-live="polite" data-testid="create-progress">
      <ol className="flex flex-col gap-2">
        {steps.map((step, index) => {
          const done = index < reached || (index === reached && step.status === "ready");
          const current = index === reached + (reached === -1 ? 1 : 0) && !done;
          return (
            <li
              key={step.status}
              className={cn("flex items-center gap-2 text-sm", !done && !current && "text-muted")}
              data-step={step.status}
              data-state={done ? "done" : current ? "current" : "waiting"}
            >
              {done ? (
                <Check className="size-4 text-success" aria-hidden="true" />
              ) : current ? (
                <Loader2 className="size-4 animate-spin" aria-hidden="true" />
              ) : (
                <Circle className="size-4" aria-hidden="true" />
              )}
              {step.label}
              {done && <span className="sr-only">(done)</span>}
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-muted">
        {row ? (
          <>
            <code className="font-mono">{row.sandbox_id}</code> ·{" "}
          </>
        ) : null}
        <span className="tabular-nums">{formatCountdown(now - since)}</span> elapsed. This can take up to two minutes. You can close this
        dialog: it continues in the background and the sandbox is already in your list.
      </p>
    </div>
  );
}

/** A refused or failed create, in words, with what to do next. */
export function CreateError({ error }: { error: CreateProblem }) {
  const mayStillAppear = error.status === 502 || error.status === 504;
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

function FailedInstance({ instance }: { instance: SandboxInstance }) {
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
