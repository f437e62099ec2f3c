// Checks a binding when a channel joins, as Realtime does when it creates the
// subscription: its table must be published, its filter columns selectable by the
// subscriber's role and its filter values castable to the column types.
import type { Sql } from "../db/database.ts";
import type { Catalog } from "./catalog.ts";
import type { ChangeFeed } from "./change-feed.ts";
import { describeBinding, type PostgresBinding } from "./bindings.ts";
import { conditionsSql, paramList } from "./filter-sql.ts";

export interface ValidationContext {
  db: Sql;
  catalog: Catalog;
  feed: ChangeFeed;
}

/** An error message for the join reply, or null when the binding is fine. */
export async function validateBinding(binding: PostgresBinding, role: string, ctx: ValidationContext): Promise<string | null> {
  const tables = ctx.feed
    .publishedTables()
    .filter((t) => (binding.schema === "*" || binding.schema === t.schema) && (binding.table === "*" || binding.table === t.table));
  if (tables.length === 0) {
    return `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [${describeBinding(binding)}]`;
  }
  const exception = (message: string) =>
    `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: [${describeBinding(binding)}]. Exception: ${message}`;

  if (binding.conditions.length === 0 && !binding.select) return null;
  for (const { schema, table } of tables) {
    const info = await ctx.catalog.table(schema, table);
    if (!info) return exception(`relation ${schema}.${table} does not exist`);
    const selectable = await ctx.catalog.selectableColumns(info, role);
    for (const condition of binding.conditions) {
      if (!selectable.has(condition.column)) return exception(`invalid column for filter ${condition.column}`);
      if (Array.isArray(condition.value) && condition.value.length > 100) {
        return exception("too many values for `in` filter. Maximum 100");
      }
    }
    for (const column of binding.select ?? []) {
      if (!selectable.has(column)) return exception(`invalid column for select ${column}`);
    }
    const { params, add } = paramList();
    try {
      await ctx.db.query(
        `select ${conditionsSql(binding.conditions, info.columns, "n", add)} as ok
         from jsonb_populate_record(null::${info.relation}, '{}'::jsonb) n`,
        params,
      );
    } catch (error) {
      return exception((error as Error).message);
    }
  }
  return null;
}
