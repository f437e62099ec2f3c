import "server-only";
import type { z } from "zod";
import {
  accessResultSchema,
  type AccessResult,
  errorBodySchema,
  execResultSchema,
  sandboxResponseSchema,
  type ExecRequest,
  type ExecResult,
  type SandboxResponse,
} from "./contract";
import { OrchestratorError } from "./errors";

export interface OrchestratorConfig {
  baseUrl: string;
  apiKey: string;
  /** Deadline of a quick call (read, stop); exec gets this on top of the command's own timeout. */
  timeoutMs: number;
}

export interface CallOptions {
  /** Aborts the upstream request too (the browser went away). */
  signal?: AbortSignal;
}

/** Create polls the container for up to 120 s upstream. */
const createDeadlineMs = 125_000;
/** A graceful destroy syncs the sandbox's home to storage first. */
const destroyDeadlineFactor = 4;

export interface UpstreamTiming {
  status: number | null;
  durationMs: number;
}

export function createOrchestratorClient(config: OrchestratorConfig, onCall?: (timing: UpstreamTiming) => void) {
  async function call<T>(
    method: string,
    path: string,
    deadlineMs: number,
    schema: z.ZodType<T> | null,
    options: CallOptions & { body?: unknown } = {},
  ): Promise<T> {
    const started = performance.now();
    const deadline = AbortSignal.timeout(deadlineMs);
    const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
    let response: Response;
    try {
      response = await fetch(`${config.baseUrl}${path}`, {
        method,
        headers: {
          "X-API-Key": config.apiKey,
          ...(options.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal,
        cache: "no-store",
      });
    } catch (error) {
      onCall?.({ status: null, durationMs: performance.now() - started });
      if (options.signal?.aborted) throw error;
      if (deadline.aborted) {
        // Production serves one exec at a time: every call waits behind a long command, so say so.
        throw new OrchestratorError(
          "timeout",
          `The sandbox service did not answer within ${Math.round(deadlineMs / 1000)} s: it may be busy running a command. Nothing was sent again, and what you asked may still happen once it is free.`,
        );
      }
      if (wasDropped(error)) throw new OrchestratorError("dropped", "The sandbox service closed the connection before answering.");
      throw new OrchestratorError("unavailable", "The sandbox service is not reachable.");
    }
    const text = await response.text().catch(() => null);
    onCall?.({ status: response.status, durationMs: performance.now() - started });
    if (!response.ok) throw failureFor(response.status, text);
    if (schema === null) return undefined as T;
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new OrchestratorError("malformed", "The sandbox service sent an answer that could not be read.", response.status);
    }
    return parsed.data;
  }

  return {
    createSandbox(userId: string, sandboxConfig: Record<string, unknown>, options?: CallOptions): Promise<SandboxResponse> {
      return call("POST", "/sandboxes", createDeadlineMs, sandboxResponseSchema, {
        ...options,
        body: { user_id: userId, config: sandboxConfig },
      });
    },
    exec(sandboxId: string, request: ExecRequest, options?: CallOptions): Promise<ExecResult> {
      return call("POST", `/sandboxes/${encodeURIComponent(sandboxId)}/exec`, request.timeout * 1000 + config.timeoutMs, execResultSchema, {
        ...options,
        body: { command: request.command, timeout: request.timeout, cwd: request.cwd ?? null },
      });
    },
    /** Production runs an exec (as root) to add the key, so it waits behind a running command like any exec. */
    requestAccess(sandboxId: string, options?: CallOptions): Promise<AccessResult> {
      return call(
        "POST",
        `/sandboxes/${encodeURIComponent(sandboxId)}/access`,
        config.timeoutMs * destroyDeadlineFactor,
        accessResultSchema,
        options,
      );
    },
    destroySandbox(sandboxId: string, graceful: boolean, options?: CallOptions): Promise<void> {
      return call(
        "DELETE",
        `/sandboxes/${encodeURIComponent(sandboxId)}?graceful=${graceful}`,
        config.timeoutMs * destroyDeadlineFactor,
        null,
        options,
      );
    },
  };
}

export type OrchestratorClient = ReturnType<typeof createOrchestratorClient>;

/** undici's codes for a connection that closed under a request it had sent (not a refused one). */
const droppedCodes = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_CLOSED"]);

function wasDropped(error: unknown): boolean {
  const code = ((error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code) as string | undefined;
  return code !== undefined && droppedCodes.has(code);
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function failureFor(status: number, text: string | null): OrchestratorError {
  const body = errorBodySchema.safeParse(parseJson(text));
  const detail = body.success
    ? typeof body.data.detail === "string"
      ? body.data.detail
      : body.data.detail.map((d) => d.msg).join("; ")
    : null;
  if (status === 401 || status === 403) {
    return new OrchestratorError("misconfigured", "The dashboard is not allowed to use the sandbox service.", status);
  }
  if (status === 404) return new OrchestratorError("not_found", detail ?? "Sandbox not found.", status);
  if (status === 400 || status === 422) {
    return new OrchestratorError("rejected", detail ?? "The sandbox service refused the request.", status);
  }
  if (!body.success) {
    // Production answers an unhandled error (a create without its S3 bucket, say) with Starlette's
    // plain-text "Internal Server Error": say that much rather than "unreadable".
    const plain = text?.trim() ?? "";
    if (plain && plain.length <= 200 && /^[\x20-\x7e]+$/.test(plain) && !/^[[{<]/.test(plain)) {
      return new OrchestratorError("server_error", `HTTP ${status}: ${plain}`, status);
    }
    return new OrchestratorError("malformed", `The sandbox service failed (HTTP ${status}) with an unreadable answer.`, status);
  }
  return new OrchestratorError("server_error", detail ?? `The sandbox service failed (HTTP ${status}).`, status);
}
