"use client";

import { Download, KeyRound, TriangleAlert } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { SandboxApiError } from "@/lib/sandbox/api-client";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import type { SandboxAccess } from "@/lib/sandbox/ssh/types";
import { canExec } from "@/lib/sandbox/status";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { CopyButton } from "./copy-button";

/**
 * The SSH tab: after a confirmation, a new key for the sandbox, shown once (download as
 * `<sandbox_id>.pem`, copy) with the commands to connect. The key lives in this component's state
 * only: not in SWR's cache, not in storage; leaving the tab forgets it.
 */
export function SshPanel({ sandbox }: { sandbox: Pick<SandboxInstance, "id" | "sandbox_id" | "status"> }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [access, setAccess] = useState<SandboxAccess | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keyHeading = useRef<HTMLHeadingElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (access) keyHeading.current?.focus();
  }, [access]);

  if (!canExec(sandbox.status)) {
    return (
      <Alert variant="neutral" data-testid="ssh-not-running">
        This sandbox is {sandbox.status.replace("_", " ")}: SSH keys can be made only while it is ready or running, and keys made earlier
        stopped working when it stopped.
      </Alert>
    );
  }

  const ask = async () => {
    setPending(true);
    setError(null);
    try {
      setAccess(await sandboxApi.requestAccess(sandbox.id));
    } catch (failure) {
      setError((failure as SandboxApiError).message);
    } finally {
      setPending(false);
    }
  };

  const download = () => {
    if (!access) return;
    const url = URL.createObjectURL(new Blob([access.private_key], { type: "application/x-pem-file" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = access.key_file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="flex max-w-3xl flex-col gap-4" data-testid="ssh-panel">
      <section aria-labelledby="ssh-heading" className="flex flex-col gap-2">
        <h2 id="ssh-heading" className="text-sm font-semibold">
          SSH access
        </h2>
        <p className="text-sm text-muted">
          Connect to this sandbox from your own terminal or editor. Each key you create is added to the sandbox and stays valid until the
          sandbox stops; earlier keys are not revoked. The dashboard keeps no copy of the private key.
        </p>
        <div>
          <Button ref={askButton} variant="primary" onClick={() => setConfirming(true)} disabled={pending}>
            <KeyRound aria-hidden="true" />
            {pending ? "Creating a key…" : access ? "Create another key" : "Create an SSH key"}
          </Button>
        </div>
        {error && <Alert variant="error">{error}</Alert>}
      </section>

      {access && (
        <section
          aria-labelledby="ssh-key-heading"
          className="flex flex-col gap-3 rounded-lg border border-border p-3"
          data-testid="ssh-access"
        >
          <h2 id="ssh-key-heading" ref={keyHeading} tabIndex={-1} className="text-sm font-semibold">
            Your new key, shown once
          </h2>
          {access.private_host && (
            <Alert variant="warning" icon={TriangleAlert} role="status" data-testid="ssh-private-host">
              The sandbox service gives the address {access.host}: it can be reached only from the machine the service runs on, or its
              private network. From elsewhere, this command will not connect.
            </Alert>
          )}
          <div className="flex flex-col gap-1.5">
            <label htmlFor="ssh-private-key" className="text-sm font-medium">
              Private key
            </label>
            <textarea
              id="ssh-private-key"
              readOnly
              rows={6}
              value={access.private_key}
              spellCheck={false}
              className="w-full resize-y rounded-md border border-border bg-surface p-2 font-mono text-xs"
              onFocus={(event) => event.currentTarget.select()}
            />
            <div className="flex flex-wrap gap-2">
              <Button size="sm" onClick={download}>
                <Download aria-hidden="true" />
                Download {access.key_file}
              </Button>
              <CopyButton value={access.private_key} label="Copy key" />
            </div>
          </div>
          <Command
            label="Then, where you saved it, make it readable by you only (ssh refuses it otherwise):"
            text={access.chmod_command}
            copyLabel="Copy chmod command"
          />
          <Command label="And connect:" text={access.ssh_command} copyLabel="Copy ssh command" testId="ssh-command" />
        </section>
      )}

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Create a new SSH key?"
        description="The key is added to this sandbox and stays valid until the sandbox stops, along with any key created before. The private key is shown once: save it."
        confirmLabel="Create key"
        destructive={false}
        onConfirm={() => void ask()}
        returnFocus={() => askButton.current}
      />
    </div>
  );
}

function Command({ label, text, copyLabel, testId }: { label: string; text: string; copyLabel: string; testId?: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm">{label}</span>
      <div className="flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 rounded-md bg-surface px-2 py-1.5 font-mono text-xs break-all" data-testid={testId}>
          {text}
        </code>
        <CopyButton value={text} label={copyLabel} />
      </div>
    </div>
  );
}
