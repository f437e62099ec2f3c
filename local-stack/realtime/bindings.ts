// The postgres_changes bindings of a channel join, parsed the way Realtime's
// postgres_cdc_rls extension parses its subscription params.
import { createHash } from "node:crypto";
import { parseFilter, type FilterCondition } from "./filters.ts";
import { isObject } from "./protocol.ts";

export type ChangeEvent = "INSERT" | "UPDATE" | "DELETE";

export interface PostgresBinding {
  /** What the client sent, echoed back with `id` in the join reply. */
  params: Record<string, unknown>;
  /** Realtime uses a hash of the params (a number); the client compares ids strictly. */
  id: number;
  event: ChangeEvent | "*";
  /** "*" for any. */
  schema: string;
  /** "*" for any. */
  table: string;
  conditions: FilterCondition[];
  /** Column selection (`select`), or null for every column. */
  select: string[] | null;
}

export type ParsedBinding = { ok: true; binding: PostgresBinding } | { ok: false; error: string };

export function parseBinding(params: unknown): ParsedBinding {
  if (!isObject(params)) return { ok: false, error: "postgres_changes entries must be objects" };
  const { schema, table, filter } = params;
  const has = (key: string) => key in params && params[key] !== undefined;

  let target: { schema: string; table: string; filter: string };
  if (typeof schema === "string" && typeof table === "string" && (typeof filter === "string" || !has("filter"))) {
    target = { schema, table, filter: typeof filter === "string" ? filter : "" };
  } else if (typeof schema === "string" && !has("table") && !has("filter")) {
    target = { schema, table: "*", filter: "" };
  } else if (typeof table === "string" && !has("schema") && !has("filter")) {
    target = { schema: "public", table, filter: "" };
  } else {
    return {
      ok: false,
      error: `No subscription params provided. Please provide at least a \`schema\` or \`table\` to subscribe to: ${JSON.stringify(params)}`,
    };
  }

  const parsed = parseFilter(target.filter);
  if (!parsed.ok) return { ok: false, error: parsed.error };

  let select: string[] | null = null;
  if (has("select")) {
    if (!Array.isArray(params.select)) {
      return {
        ok: false,
        error: 'Error parsing `select` params: expected a list of column name strings, e.g. select: ["col1", "col2"]',
      };
    }
    const columns = params.select.filter((c): c is string => typeof c === "string");
    select = columns.length > 0 ? columns : null;
  }
  if (select && (target.schema === "*" || target.table === "*")) {
    return {
      ok: false,
      error: "Column selection is not supported for wildcard subscriptions. Provide an explicit schema and table name.",
    };
  }

  return {
    ok: true,
    binding: {
      params,
      id: bindingId(params),
      event: eventOf(params.event),
      schema: target.schema,
      table: target.table,
      conditions: parsed.conditions,
      select,
    },
  };
}

export function matchesEntity(binding: PostgresBinding, schema: string, table: string, type: ChangeEvent): boolean {
  return (
    (binding.event === "*" || binding.event === type) &&
    (binding.schema === "*" || binding.schema === schema) &&
    (binding.table === "*" || binding.table === table)
  );
}

/** As Realtime logs the params of a subscription it could not create. */
export function describeBinding(binding: PostgresBinding): string {
  const filters = binding.conditions.map((c) => `${c.column}=${c.negate ? "not." : ""}${c.op}.${JSON.stringify(c.value)}`);
  return `event: ${binding.event}, schema: ${binding.schema}, table: ${binding.table}, filters: [${filters.join(", ")}]`;
}

function eventOf(event: unknown): PostgresBinding["event"] {
  const upper = typeof event === "string" ? event.toUpperCase() : "*";
  return upper === "INSERT" || upper === "UPDATE" || upper === "DELETE" ? upper : "*";
}

function bindingId(params: Record<string, unknown>): number {
  const digest = createHash("sha1").update(stableJson(params)).digest();
  return digest.readUInt32BE(0) & 0x7ffffff;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
