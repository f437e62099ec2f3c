// The `filter` of a postgres_changes binding, PostgREST style: `column=op.value`,
// several joined by commas (AND), any operator negated with `not.`.

const filterOperators = ["eq", "neq", "lt", "lte", "gt", "gte", "in", "like", "ilike", "match", "imatch", "is", "isdistinct"] as const;
export type FilterOperator = (typeof filterOperators)[number];

export interface FilterCondition {
  column: string;
  op: FilterOperator;
  negate: boolean;
  /** A list for `in`, null for `is.null`, the text form otherwise. */
  value: string | string[] | null;
}

export type ParsedFilter = { ok: true; conditions: FilterCondition[] } | { ok: false; error: string };

export function parseFilter(filter: string): ParsedFilter {
  if (filter.trim() === "") return { ok: true, conditions: [] };
  const conditions: FilterCondition[] = [];
  for (const part of splitTopLevel(filter)) {
    const condition = parseCondition(part.trim());
    if (!condition) return { ok: false, error: `Error parsing \`filter\` params: ${JSON.stringify(part)}` };
    conditions.push(condition);
  }
  return { ok: true, conditions };
}

function parseCondition(part: string): FilterCondition | null {
  const eq = part.indexOf("=");
  if (eq <= 0) return null;
  const column = part.slice(0, eq).trim();
  let rest = part.slice(eq + 1).trim();
  let negate = false;
  if (rest.startsWith("not.")) {
    negate = true;
    rest = rest.slice(4);
  }
  const dot = rest.indexOf(".");
  if (dot <= 0) return null;
  const op = rest.slice(0, dot) as FilterOperator;
  const raw = rest.slice(dot + 1);
  if (!filterOperators.includes(op)) return null;
  if (op === "in") {
    const list = /^\((.*)\)$/s.exec(raw);
    if (!list) return null;
    return { column, op, negate, value: list[1]!.trim() === "" ? [] : splitTopLevel(list[1]!).map((v) => unquote(v.trim())) };
  }
  if (op === "is") {
    const value = raw.toLowerCase();
    if (!["null", "true", "false", "unknown"].includes(value)) return null;
    return { column, op, negate, value: value === "null" ? null : value };
  }
  return { column, op, negate, value: unquote(raw) };
}

/** Splits on commas outside double quotes and parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === "\\" && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ",") {
      parts.push(current);
      current = "";
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, "$1");
  }
  return value;
}
