// Filters are compared by Postgres with the column's own type, as Realtime does.
import type { FilterCondition } from "./filters.ts";
import { quoteIdent, type TableColumn } from "./catalog.ts";

/** Adds a query parameter and returns its placeholder ($n). */
export type AddParam = (value: unknown) => string;

const comparisons: Record<string, string> = { eq: "=", neq: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" };
const textMatches: Record<string, string> = { like: "like", ilike: "ilike", match: "~", imatch: "~*" };

/** A boolean SQL expression, never null, for one condition on `alias`'s column. */
function conditionSql(condition: FilterCondition, column: TableColumn, alias: string, param: AddParam): string {
  const col = `${alias}.${quoteIdent(column.name)}`;
  const type = column.sqlType;
  const { op, value } = condition;
  let expr: string;
  if (op in comparisons) expr = `${col} ${comparisons[op]} ${param(value)}::${type}`;
  else if (op in textMatches) expr = `${col}::text ${textMatches[op]} ${param(value)}`;
  else if (op === "in") expr = `${col} = any(${param(arrayLiteral(value))}::text[]::${type}[])`;
  else if (op === "isdistinct") expr = `${col} is distinct from ${param(value)}::${type}`;
  else expr = `${col} is ${value === null ? "null" : value}`; // `is`: value is one of true, false, unknown
  return `coalesce(${condition.negate ? `not (${expr})` : expr}, false)`;
}

/** All conditions of a binding (AND); true when there are none. */
export function conditionsSql(conditions: FilterCondition[], columns: TableColumn[], alias: string, param: AddParam): string {
  if (conditions.length === 0) return "true";
  return conditions
    .map((condition) => {
      const column = columns.find((c) => c.name === condition.column);
      return column ? conditionSql(condition, column, alias, param) : "false";
    })
    .join(" and ");
}

export function paramList(): { params: unknown[]; add: AddParam } {
  const params: unknown[] = [];
  return { params, add: (value) => `$${params.push(value)}` };
}

/** A text[] literal, so that both drivers pass the list the same way. */
function arrayLiteral(value: FilterCondition["value"]): string {
  const items = Array.isArray(value) ? value : [];
  return `{${items.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}
