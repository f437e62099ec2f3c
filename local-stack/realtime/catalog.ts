// What the Realtime server needs to know about a published table, read from the
// Postgres catalog and cached for the server's lifetime (refreshed when a change
// carries a column the cache does not know).
import type { Sql } from "../db/database.ts";

export interface TableColumn {
  name: string;
  /** pg_type.typname, as Realtime reports it to the client (uuid, text, int4, timestamptz, _text...). */
  type: string;
  /** format_type(), usable in a cast. */
  sqlType: string;
}

export interface TableInfo {
  schema: string;
  table: string;
  oid: string;
  /** Quoted schema.table for SQL. */
  relation: string;
  rls: boolean;
  columns: TableColumn[];
  primaryKey: string[];
  /** Columns that logical decoding would carry for the old row (its replica identity). */
  identity: string[];
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function tableKey(schema: string, table: string): string {
  return `${schema}.${table}`;
}

const tableInfoSql = `
  select c.oid::text as oid, c.relrowsecurity as rls, c.relreplident::text as replident,
    coalesce((
      select json_agg(json_build_object('name', a.attname, 'type', t.typname, 'sqlType', format_type(a.atttypid, null))
                      order by a.attnum)
      from pg_attribute a join pg_type t on t.oid = a.atttypid
      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    ), '[]') as columns,
    coalesce((
      select json_agg(a.attname order by array_position(i.indkey::int2[], a.attnum))
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
      where i.indrelid = c.oid and i.indisprimary
    ), '[]') as primary_key,
    coalesce((
      select json_agg(a.attname order by array_position(i.indkey::int2[], a.attnum))
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
      where i.indrelid = c.oid and i.indisreplident
    ), '[]') as replica_index
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = $1 and c.relname = $2 and c.relkind in ('r', 'p')`;

interface TableInfoRow {
  oid: string;
  rls: boolean;
  replident: string;
  columns: unknown;
  primary_key: unknown;
  replica_index: unknown;
}

export class Catalog {
  private tables = new Map<string, Promise<TableInfo | null>>();
  private selectable = new Map<string, Promise<Set<string>>>();

  constructor(private db: Sql) {}

  table(schema: string, table: string): Promise<TableInfo | null> {
    const key = tableKey(schema, table);
    let info = this.tables.get(key);
    if (!info) {
      info = this.load(schema, table);
      info.catch(() => this.tables.delete(key));
      this.tables.set(key, info);
    }
    return info;
  }

  forget(schema: string, table: string): void {
    this.tables.delete(tableKey(schema, table));
    this.selectable.clear();
  }

  /** Columns the role may select; a role that does not exist may select none. */
  selectableColumns(info: TableInfo, role: string): Promise<Set<string>> {
    const key = `${info.oid}:${role}`;
    let columns = this.selectable.get(key);
    if (!columns) {
      columns = this.db
        .query<{ name: string }>(
          `select a.attname as name from pg_attribute a
           where a.attrelid = $1::oid and a.attnum > 0 and not a.attisdropped
             and has_column_privilege($2, a.attrelid, a.attnum, 'SELECT')`,
          [info.oid, role],
        )
        .then(
          (rows) => new Set(rows.map((r) => r.name)),
          () => new Set<string>(),
        );
      this.selectable.set(key, columns);
    }
    return columns;
  }

  private async load(schema: string, table: string): Promise<TableInfo | null> {
    const [row] = await this.db.query<TableInfoRow>(tableInfoSql, [schema, table]);
    if (!row) return null;
    const columns = json<TableColumn[]>(row.columns);
    const primaryKey = json<string[]>(row.primary_key);
    const identity =
      row.replident === "f"
        ? columns.map((c) => c.name)
        : row.replident === "d"
          ? primaryKey
          : row.replident === "i"
            ? json<string[]>(row.replica_index)
            : [];
    return {
      schema,
      table,
      oid: row.oid,
      relation: `${quoteIdent(schema)}.${quoteIdent(table)}`,
      rls: row.rls,
      columns,
      primaryKey,
      identity,
    };
  }
}

/** json columns come back parsed from both drivers by default; accept text too. */
function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
