import type { z } from "zod";
import type { ApiErrorBody, ApiErrorCode } from "@/lib/api/errors";
import { validationError } from "@/lib/api/validation";
import { createSandboxSchema, execSchema, listQuerySchema, sandboxIdSchema, type CreateSandboxInput, type ExecInput } from "./schemas";
import type { ExecResponse, SandboxInstance, SandboxListResponse } from "./types";

/** A failed call to /api/sandbox, with the server's code and user-facing message. */
export class SandboxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | "network" | "invalid_response",
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "SandboxApiError";
  }
}

export interface SandboxApiOptions {
  /** Empty in the browser (same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * The browser's side of /api/sandbox. Input is checked with the same schemas as the
 * route handlers, so a bad value fails here with the message the server would give.
 */
export function createSandboxApi(options: SandboxApiOptions = {}) {
  const baseUrl = options.baseUrl ?? "";
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await send(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? undefined : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new SandboxApiError(0, "network", "Could not reach the dashboard's server. Check your connection and try again.");
    }
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (payload as Partial<ApiErrorBody> | null)?.error;
      throw new SandboxApiError(
        response.status,
        error?.code ?? "internal",
        error?.message ?? `The server answered with HTTP ${response.status}.`,
        error?.details,
        Number(response.headers.get("retry-after")) || undefined,
      );
    }
    if (payload === null) {
      throw new SandboxApiError(response.status, "invalid_response", "The server sent an answer that could not be read.");
    }
    return payload as T;
  }

  return {
    // Every method is async so that a refused input rejects like a refused request.
    async list(query: z.input<typeof listQuerySchema> = {}, signal?: AbortSignal): Promise<SandboxListResponse> {
      const { status, limit, offset, q, sort } = check(listQuerySchema, query);
      const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
      if (status.length > 0) params.set("status", status.join(","));
      if (q) params.set("q", q);
      if (sort !== "created") params.set("sort", sort);
      return call("GET", `/api/sandbox?${params}`, undefined, signal);
    },
    async create(input: CreateSandboxInput = {}, signal?: AbortSignal): Promise<SandboxInstance> {
      const body = check(createSandboxSchema, input);
      return (await call<{ instance: SandboxInstance }>("POST", "/api/sandbox", body, signal)).instance;
    },
    async get(id: string, signal?: AbortSignal): Promise<SandboxInstance> {
      return (await call<{ instance: SandboxInstance }>("GET", `/api/sandbox/${checkId(id)}`, undefined, signal)).instance;
    },
    async stop(id: string, signal?: AbortSignal): Promise<SandboxInstance> {
      const path = `/api/sandbox/${checkId(id)}`;
      return (await call<{ instance: SandboxInstance }>("PATCH", path, { action: "stop" }, signal)).instance;
    },
    async remove(id: string, signal?: AbortSignal): Promise<void> {
      return call("DELETE", `/api/sandbox/${checkId(id)}`, undefined, signal);
    },
    async exec(id: string, input: ExecInput, signal?: AbortSignal): Promise<ExecResponse> {
      return call("POST", `/api/sandbox/${checkId(id)}/exec`, check(execSchema, input), signal);
    },
  };
}

export type SandboxApi = ReturnType<typeof createSandboxApi>;

function check<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const error = validationError(parsed.error);
  throw new SandboxApiError(400, "validation", error.message, error.details);
}

function checkId(id: string): string {
  const parsed = sandboxIdSchema.safeParse(id);
  if (!parsed.success) throw new SandboxApiError(400, "validation", "id must be a sandbox id (a UUID)");
  return parsed.data;
}
