"use client";

import { useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { SandboxApiError, type SandboxApiProblem } from "@/lib/sandbox/api-client";
import { sandboxKeys } from "@/lib/sandbox/cache/sandbox-keys";
import { writeChangeToCache } from "@/lib/sandbox/cache/write-change-to-cache";
import type { CreateSandboxInput } from "@/lib/sandbox/schemas";
import { sandboxApi } from "@/lib/sandbox/sandbox-api";
import { serverNow } from "@/lib/sandbox/server-clock";
import type { SandboxInstance } from "@/lib/sandbox/types";
import { useSandboxList } from "./use-sandboxes";

/** A refused create: the API's problem and the HTTP status (0 when none came). */
export type CreateProblem = SandboxApiProblem & { status: number };

export type CreateOutcome =
  | { kind: "idle" }
  /** `knownIds`: the active sandboxes before the request, so the new one can be told apart as realtime brings it. */
  | { kind: "submitting"; since: number; knownIds: ReadonlySet<string> }
  | { kind: "created"; instance: SandboxInstance }
  | { kind: "failed"; instance: SandboxInstance }
  | { kind: "error"; error: CreateProblem };

/**
 * Creating a sandbox, beside stop and delete (`use-sandbox-actions.ts`): the request (which can take
 * about two minutes), its row written into every cached list, and what came of it. `rows` are the
 * active sandboxes, where the new one appears as realtime brings its steps.
 */
export function useCreateSandbox() {
  const { cache, mutate } = useSWRConfig();
  const { data: active } = useSandboxList(sandboxKeys.active());
  const [outcome, setOutcome] = useState<CreateOutcome>({ kind: "idle" });
  // From the call until the request has ended: the input's check may wait for its schema to load,
  // and a second call meanwhile must not send a second request.
  const sending = useRef(false);

  /** Sends one create with the input `prepare` gives (none: nothing is sent); ignored while one is under way. */
  async function create(prepare: () => Promise<CreateSandboxInput | undefined>): Promise<CreateOutcome | undefined> {
    if (sending.current) return undefined;
    sending.current = true;
    try {
      const input = await prepare();
      if (!input) return undefined;
      const next = await send(input);
      setOutcome(next);
      return next;
    } finally {
      sending.current = false;
    }
  }

  async function send(input: CreateSandboxInput): Promise<CreateOutcome> {
    setOutcome({ kind: "submitting", since: serverNow(), knownIds: new Set(active?.instances.map((row) => row.id) ?? []) });
    try {
      const instance = await sandboxApi.create(input);
      writeChangeToCache(cache, mutate, { type: "upsert", row: instance });
      return { kind: instance.status === "failed" ? "failed" : "created", instance };
    } catch (error) {
      const problem: CreateProblem =
        error instanceof SandboxApiError
          ? { status: error.status, ...error.problem }
          : { status: 0, code: "internal", message: "Something went wrong. Try again." };
      return { kind: "error", error: problem };
    }
  }

  return { outcome, create, rows: active?.instances ?? [], reset: () => setOutcome({ kind: "idle" }) };
}
