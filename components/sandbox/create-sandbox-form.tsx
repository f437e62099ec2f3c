"use client";

import { useId, type FormEvent, type Ref } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { CreateOutcome } from "@/hooks/use-create-sandbox";
import type { ProjectOption } from "@/lib/projects/list-projects";
import { reservedConfigKeys, ttlLimits } from "@/lib/sandbox/request-limits";
import { CreateError } from "./create-error";
import { CreateFailed } from "./create-failed";
import { lifetimePresets, type CreateFormValues, type FieldErrors } from "./read-create-form";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The create dialog's form: every problem of the last submit, the fields, and what came of the last request. */
export function CreateSandboxForm({
  formRef,
  projects,
  values,
  setValues,
  errors,
  outcome,
  onSubmit,
  onCancel,
}: {
  formRef: Ref<HTMLFormElement>;
  projects: ProjectOption[];
  values: CreateFormValues;
  setValues: (values: CreateFormValues) => void;
  errors: FieldErrors;
  outcome: CreateOutcome;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" ref={formRef}>
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
      {outcome.kind === "failed" && <CreateFailed instance={outcome.instance} />}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary">
          {outcome.kind === "error" || outcome.kind === "failed" ? "Try again" : "Create sandbox"}
        </Button>
      </div>
    </form>
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

interface LifetimeFieldProps {
  values: CreateFormValues;
  setValues: (v: CreateFormValues) => void;
  error?: string;
}

function LifetimeField({ values, setValues, error }: LifetimeFieldProps) {
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
      <FieldError id={errorId} error={error} />
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
      <FieldError id={errorId} error={error} />
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
        <FieldError id={errorId} error={error} />
      </div>
    </details>
  );
}

/** A field's problem, under it (the field's aria-describedby points here). */
function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="text-sm text-danger">
      {capitalize(error)}
    </p>
  );
}
