// Request bodies checked the way the production service's pydantic v2 models check them,
// so 422 answers carry the same `detail` lists.
import { validationError, type ValidationIssue } from "./errors.ts";
import { parseUuid } from "./uuid.ts";

export interface CreateSandboxBody {
  user_id: string;
  config: Record<string, unknown>;
}

export interface ExecBody {
  command: string;
  timeout: number;
  user: string;
  cwd: string | null;
}

export interface ErrorReportBody {
  error: string;
  details: Record<string, unknown>;
}

const maxCommandLength = 10_000;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

class Checker {
  readonly issues: ValidationIssue[] = [];

  object(body: Json, required: boolean): Record<string, Json> | undefined {
    if (body === undefined) {
      if (required) this.issues.push({ type: "missing", loc: ["body"], msg: "Field required", input: null });
      return undefined;
    }
    if (!isObject(body)) {
      this.issues.push({
        type: "model_attributes_type",
        loc: ["body"],
        msg: "Input should be a valid dictionary or object to extract fields from",
        input: body,
      });
      return undefined;
    }
    return body;
  }

  missing(field: string, body: Record<string, Json>) {
    this.issues.push({ type: "missing", loc: ["body", field], msg: "Field required", input: body });
  }

  string(field: string, value: Json, limits: { min?: number; max?: number } = {}): string | undefined {
    if (typeof value !== "string") {
      this.issues.push({ type: "string_type", loc: ["body", field], msg: "Input should be a valid string", input: value });
      return undefined;
    }
    // pydantic cannot turn a str holding a lone surrogate into its own string type.
    if (!value.isWellFormed()) {
      this.issues.push({
        type: "string_unicode",
        loc: ["body", field],
        msg: "Input should be a valid string, unable to parse raw data as a unicode string",
        input: value,
      });
      return undefined;
    }
    const length = [...value].length;
    if (limits.min !== undefined && length < limits.min) {
      this.issues.push({
        type: "string_too_short",
        loc: ["body", field],
        msg: `String should have at least ${limits.min} character${limits.min === 1 ? "" : "s"}`,
        input: value,
        ctx: { min_length: limits.min },
      });
      return undefined;
    }
    if (limits.max !== undefined && length > limits.max) {
      this.issues.push({
        type: "string_too_long",
        loc: ["body", field],
        msg: `String should have at most ${limits.max} character${limits.max === 1 ? "" : "s"}`,
        input: value,
        ctx: { max_length: limits.max },
      });
      return undefined;
    }
    return value;
  }

  /** A NUL cannot be passed to a process (argv and paths end at it), so it is refused up front. */
  noNul(field: string, value: string | undefined): string | undefined {
    if (value === undefined || !value.includes("\0")) return value;
    this.issues.push({
      type: "value_error",
      loc: ["body", field],
      msg: "Value error, must not contain NUL characters",
      input: value,
      ctx: { error: "must not contain NUL characters" },
    });
    return undefined;
  }

  /** pydantic's lax int: whole numbers, numeric strings and booleans pass. */
  integer(field: string, value: Json, range: { ge: number; le: number }): number | undefined {
    let n: number | undefined;
    if (typeof value === "boolean") n = value ? 1 : 0;
    else if (typeof value === "number") {
      if (!Number.isInteger(value)) {
        this.issues.push({
          type: "int_from_float",
          loc: ["body", field],
          msg: "Input should be a valid integer, got a number with a fractional part",
          input: value,
        });
        return undefined;
      }
      n = value;
    } else if (typeof value === "string") {
      if (!/^\s*[+-]?\d+\s*$/.test(value)) {
        this.issues.push({
          type: "int_parsing",
          loc: ["body", field],
          msg: "Input should be a valid integer, unable to parse string as an integer",
          input: value,
        });
        return undefined;
      }
      n = Number.parseInt(value, 10);
    } else {
      this.issues.push({ type: "int_type", loc: ["body", field], msg: "Input should be a valid integer", input: value });
      return undefined;
    }
    if (n < range.ge) {
      this.issues.push({
        type: "greater_than_equal",
        loc: ["body", field],
        msg: `Input should be greater than or equal to ${range.ge}`,
        input: value,
        ctx: { ge: range.ge },
      });
      return undefined;
    }
    if (n > range.le) {
      this.issues.push({
        type: "less_than_equal",
        loc: ["body", field],
        msg: `Input should be less than or equal to ${range.le}`,
        input: value,
        ctx: { le: range.le },
      });
      return undefined;
    }
    return n;
  }

  dict(field: string, value: Json): Record<string, Json> | undefined {
    if (!isObject(value)) {
      this.issues.push({ type: "dict_type", loc: ["body", field], msg: "Input should be a valid dictionary", input: value });
      return undefined;
    }
    // dict[str, Any]: the keys are validated as str, the values are not.
    const badKeys = Object.keys(value).filter((key) => !key.isWellFormed());
    for (const key of badKeys) {
      this.issues.push({
        type: "string_unicode",
        loc: ["body", field, key, "[key]"],
        msg: "Input should be a valid string, unable to parse raw data as a unicode string",
        input: key,
      });
    }
    return badKeys.length ? undefined : value;
  }

  uuid(field: string, value: Json): string | undefined {
    if (typeof value !== "string") {
      this.issues.push({
        type: "uuid_type",
        loc: ["body", field],
        msg: "UUID input should be a string, bytes or UUID object",
        input: value,
      });
      return undefined;
    }
    const parsed = parseUuid(value);
    if (!parsed.ok) {
      this.issues.push({
        type: "uuid_parsing",
        loc: ["body", field],
        msg: `Input should be a valid UUID, ${parsed.error}`,
        input: value,
        ctx: { error: parsed.error },
      });
      return undefined;
    }
    return parsed.value;
  }

  done<T>(value: T): T {
    if (this.issues.length > 0) throw validationError(this.issues);
    return value;
  }
}

export function parseCreateSandbox(body: Json): CreateSandboxBody {
  const check = new Checker();
  const o = check.object(body, true);
  if (!o) return check.done(undefined as never);
  let userId: string | undefined;
  if (!("user_id" in o)) check.missing("user_id", o);
  else userId = check.uuid("user_id", o.user_id);
  const config = "config" in o ? check.dict("config", o.config) : {};
  return check.done({ user_id: userId!, config: config! });
}

export function parseExec(body: Json): ExecBody {
  const check = new Checker();
  const o = check.object(body, true);
  if (!o) return check.done(undefined as never);
  let command: string | undefined;
  if (!("command" in o)) check.missing("command", o);
  else command = check.noNul("command", check.string("command", o.command, { min: 1, max: maxCommandLength }));
  const timeout = "timeout" in o ? check.integer("timeout", o.timeout, { ge: 1, le: 600 }) : 30;
  const user = "user" in o ? check.noNul("user", check.string("user", o.user)) : "agent";
  const cwd = "cwd" in o && o.cwd !== null ? check.noNul("cwd", check.string("cwd", o.cwd)) : null;
  return check.done({ command: command!, timeout: timeout!, user: user!, cwd: cwd ?? null });
}

export function parseComplete(body: Json): { result: Record<string, unknown> | null } {
  const check = new Checker();
  const o = check.object(body, false);
  const result = o && "result" in o && o.result !== null ? check.dict("result", o.result) : null;
  return check.done({ result: result ?? null });
}

export function parseErrorReport(body: Json): ErrorReportBody {
  const check = new Checker();
  const o = check.object(body, true);
  if (!o) return check.done(undefined as never);
  let error: string | undefined;
  if (!("error" in o)) check.missing("error", o);
  else error = check.string("error", o.error);
  const details = "details" in o ? check.dict("details", o.details) : {};
  return check.done({ error: error!, details: details! });
}
