"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent } from "@/components/ui/dialog";
import { fileNameProblem } from "@/lib/sandbox/files/file-path";

/** Asks for a name (a new folder, a rename), checked as the server checks it; `onSubmit` may fail with a message. */
export function NameDialog({
  open,
  onOpenChange,
  title,
  description,
  initial = "",
  submitLabel,
  onSubmit,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<string | null>;
}) {
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (open && shownFor !== initial) {
    setShownFor(initial);
    setName(initial);
    setProblem(null);
  }
  if (!open && shownFor !== null) setShownFor(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = fileNameProblem(name);
    if (local) return setProblem(`The name ${local}.`);
    setPending(true);
    const failed = await onSubmit(name);
    setPending(false);
    if (failed) setProblem(failed);
    else onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} description={description}>
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Name
            <input
              className="h-9 rounded-md border border-border bg-background px-2 font-normal"
              value={name}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? "name-problem" : undefined}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          {problem && (
            <p id="name-problem" role="alert" className="text-sm text-danger">
              {problem}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
              {pending ? "Working…" : submitLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
