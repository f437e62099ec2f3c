import type { z } from "zod";
import { fieldProblems } from "@/lib/http/field-problems";
import type { CreateSandboxInput, ExecInput, listQuerySchema, SignalProcessInput } from "./schemas";
import type { ProcessListResponse, SandboxUsage, SignalResult } from "./processes/types";
import type { SandboxAccess } from "./ssh/types";
import type { SandboxErrorBody, SandboxErrorInfo } from "./sandbox-error-details";
import type { ExecResponse, SandboxInstance, SandboxListPage } from "./types";
import type { FileListing, FilePreview } from "./files/file-entry";

/** What went wrong, discriminated by code: `if (problem.code === "gone") problem.details?.instance`. */
export type SandboxApiProblem =
  | SandboxErrorInfo
  /** Failures of the call itself, with no answer from the server to read. */
  | { code: "network" | "invalid_response"; message: string; details?: undefined };

/** A failed call to /api/sandbox, with the server's code and user-facing message. */
export class SandboxApiError extends Error {
  readonly code: SandboxApiProblem["code"];
  readonly details: SandboxApiProblem["details"];

  constructor(
    readonly status: number,
    readonly problem: SandboxApiProblem,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.message);
    this.name = "SandboxApiError";
    this.code = problem.code;
    this.details = problem.details;
  }
}

export interface SandboxApiOptions {
  /** Empty in the browser (same origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * The browser's side of /api/sandbox. Input is checked with the same schemas as the
 * route handlers, so a bad value fails here with the message the server would give. The schemas
 * (and zod) are fetched on the first call, not with the page.
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
        // A stop or delete the user asked for is sent through even if they leave the page at once.
        keepalive: method === "PATCH" || method === "DELETE",
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new SandboxApiError(0, {
        code: "network",
        message: "Could not reach the dashboard's server. Check your connection and try again.",
      });
    }
    if (response.status === 204) return undefined as T;
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = (payload as Partial<SandboxErrorBody> | null)?.error;
      throw new SandboxApiError(
        response.status,
        {
          ...(error?.code ? error : { code: "internal" as const }),
          message: error?.message ?? `The server answered with HTTP ${response.status}.`,
        },
        Number(response.headers.get("retry-after")) || undefined,
      );
    }
    if (payload === null) {
      throw new SandboxApiError(response.status, {
        code: "invalid_response",
        message: "The server sent an answer that could not be read.",
      });
    }
    return payload as T;
  }

  return {
    // Every method is async so that a refused input rejects like a refused request.
    async list(query: z.input<typeof listQuerySchema> = {}, signal?: AbortSignal): Promise<SandboxListPage> {
      const { listQuerySchema } = await import("./schemas");
      const { status, limit, offset, q, sort } = check(listQuerySchema, query);
      const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
      if (status.length > 0) params.set("status", status.join(","));
      if (q) params.set("q", q);
      if (sort !== "created") params.set("sort", sort);
      return call("GET", `/api/sandbox?${params}`, undefined, signal);
    },
    async create(input: CreateSandboxInput = {}, signal?: AbortSignal): Promise<SandboxInstance> {
      const { createSandboxSchema } = await import("./schemas");
      const body = check(createSandboxSchema, input);
      return (await call<{ instance: SandboxInstance }>("POST", "/api/sandbox", body, signal)).instance;
    },
    async get(id: string, signal?: AbortSignal): Promise<SandboxInstance> {
      return (await call<{ instance: SandboxInstance }>("GET", `/api/sandbox/${await checkId(id)}`, undefined, signal)).instance;
    },
    async stop(id: string, signal?: AbortSignal): Promise<SandboxInstance> {
      const path = `/api/sandbox/${await checkId(id)}`;
      return (await call<{ instance: SandboxInstance }>("PATCH", path, { action: "stop" }, signal)).instance;
    },
    async remove(id: string, signal?: AbortSignal): Promise<void> {
      return call("DELETE", `/api/sandbox/${await checkId(id)}`, undefined, signal);
    },
    async exec(id: string, input: ExecInput, signal?: AbortSignal): Promise<ExecResponse> {
      const { execSchema } = await import("./schemas");
      const path = `/api/sandbox/${await checkId(id)}/exec`;
      return call("POST", path, check(execSchema, input), signal);
    },
    async processes(id: string, signal?: AbortSignal): Promise<ProcessListResponse> {
      return call("GET", `/api/sandbox/${await checkId(id)}/processes`, undefined, signal);
    },
    async usage(id: string, signal?: AbortSignal): Promise<SandboxUsage> {
      return (await call<{ usage: SandboxUsage }>("GET", `/api/sandbox/${await checkId(id)}/usage`, undefined, signal)).usage;
    },
    async requestAccess(id: string, signal?: AbortSignal): Promise<SandboxAccess> {
      return (await call<{ access: SandboxAccess }>("POST", `/api/sandbox/${await checkId(id)}/access`, undefined, signal)).access;
    },
    async signalProcess(id: string, pid: number, input: SignalProcessInput, signal?: AbortSignal): Promise<SignalResult> {
      const { processParamsSchema, signalProcessSchema } = await import("./schemas");
      const params = check(processParamsSchema, { id, pid });
      return call("POST", `/api/sandbox/${params.id}/processes/${params.pid}/signal`, check(signalProcessSchema, input), signal);
    },
    /** The Files view's calls; downloads and uploads go through lib/sandbox/files/transfer.ts (progress, cancel). */
    files: {
      async list(id: string, path: string | null, signal?: AbortSignal): Promise<FileListing> {
        const query = path === null ? "" : `?${new URLSearchParams({ path })}`;
        return call("GET", `/api/sandbox/${await checkId(id)}/files${query}`, undefined, signal);
      },
      async read(id: string, path: string, signal?: AbortSignal): Promise<FilePreview> {
        return call("GET", `/api/sandbox/${await checkId(id)}/files/read?${new URLSearchParams({ path })}`, undefined, signal);
      },
      async mkdir(id: string, path: string, name: string): Promise<{ path: string }> {
        const { fileMkdirSchema } = await import("./schemas");
        return call("POST", `/api/sandbox/${await checkId(id)}/files/mkdir`, check(fileMkdirSchema, { path, name }));
      },
      async rename(id: string, path: string, newName: string): Promise<{ path: string }> {
        const { fileRenameSchema } = await import("./schemas");
        return call("POST", `/api/sandbox/${await checkId(id)}/files/rename`, check(fileRenameSchema, { path, new_name: newName }));
      },
      async remove(id: string, path: string): Promise<{ path: string }> {
        const { fileDeleteSchema } = await import("./schemas");
        return call("POST", `/api/sandbox/${await checkId(id)}/files/delete`, check(fileDeleteSchema, { path }));
      },
    },
  };
}

export type SandboxApi = ReturnType<typeof createSandboxApi>;

function check<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { message, fields } = fieldProblems(parsed.error);
  throw new SandboxApiError(400, { code: "validation", message, details: { fields } });
}

async function checkId(id: string): Promise<string> {
  const { sandboxIdSchema } = await import("./schemas");
  const parsed = sandboxIdSchema.safeParse(id);
  if (!parsed.success) throw new SandboxApiError(400, { code: "validation", message: "id must be a sandbox id (a UUID)" });
  return parsed.data;
}
