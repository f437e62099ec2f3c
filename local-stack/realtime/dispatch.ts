// Who receives a change, decided as Realtime's apply_rls does: bindings matching the
// event, table and filter; for INSERT and UPDATE on a table with RLS, only subscribers
// whose role and claims can select the row (by primary key); DELETE skips RLS and, with
// RLS on, carries only the primary key of the old row.
import type { LocalDatabase } from "../db/database.ts";
import { quoteIdent, type Catalog, type TableInfo } from "./catalog.ts";
import { matchesEntity, type PostgresBinding } from "./bindings.ts";
import { keyText, type Change, type Row } from "./change-feed.ts";
import { conditionsSql, paramList } from "./filter-sql.ts";

export interface Claims {
  role: string;
  sub?: string;
  exp?: number;
  [claim: string]: unknown;
}

export interface ChangeSubscriber {
  claims: Claims;
  bindings: PostgresBinding[];
  deliver(ids: number[], data: Record<string, unknown>): void;
}

export class Dispatcher {
  constructor(
    private db: LocalDatabase,
    private catalog: Catalog,
  ) {}

  async dispatch(change: Change, subscribers: ChangeSubscriber[]): Promise<void> {
    const candidates = subscribers
      .map((subscriber) => ({
        subscriber,
        bindings: subscriber.bindings.filter((b) => matchesEntity(b, change.schema, change.table, change.type)),
      }))
      .filter((c) => c.bindings.length > 0);
    if (candidates.length === 0) return;

    const info = await this.tableInfo(change);
    if (!info) return;
    if (info.primaryKey.length === 0 && change.type !== "DELETE") {
      const data = { schema: change.schema, table: change.table, type: change.type, errors: ["Error 400: Bad Request, no primary key"] };
      for (const { subscriber, bindings } of candidates) subscriber.deliver(uniqueIds(bindings), data);
      return;
    }

    const oldIdentity = change.old_record ? pick(change.old_record, info.identity) : null;
    const passing = await this.passingFilters(
      info,
      change,
      oldIdentity,
      candidates.flatMap((c) => c.bindings),
    );
    const visibility = new Map<string, Promise<boolean>>();
    for (const { subscriber, bindings } of candidates) {
      const matched = bindings.filter((b) => passing.has(b));
      if (matched.length === 0) continue;
      if (change.type !== "DELETE" && info.rls) {
        const key = JSON.stringify(subscriber.claims);
        let visible = visibility.get(key);
        if (!visible) {
          visible = this.isVisible(info, change.record ?? {}, subscriber.claims);
          visibility.set(key, visible);
        }
        if (!(await visible)) continue;
      }
      const selectable = await this.catalog.selectableColumns(info, subscriber.claims.role);
      for (const { select, ids } of groupBySelect(matched)) {
        subscriber.deliver(ids, payload(info, change, oldIdentity, selectable, select));
      }
    }
  }

  /** The cached table, refreshed when the change has a column it does not know. */
  private async tableInfo(change: Change): Promise<TableInfo | null> {
    const info = await this.catalog.table(change.schema, change.table);
    const row = change.record ?? change.old_record ?? {};
    if (info && Object.keys(row).every((name) => info.columns.some((c) => c.name === name))) return info;
    this.catalog.forget(change.schema, change.table);
    return this.catalog.table(change.schema, change.table);
  }

  /** Bindings whose filter the change passes: the new row, or for DELETE the old one. */
  private async passingFilters(
    info: TableInfo,
    change: Change,
    oldIdentity: Row | null,
    bindings: PostgresBinding[],
  ): Promise<Set<PostgresBinding>> {
    const passing = new Set(bindings.filter((b) => b.conditions.length === 0));
    const filtered = bindings.filter((b) => b.conditions.length > 0);
    if (filtered.length === 0) return passing;

    const { params, add } = paramList();
    // ::text first: postgres.js would send a string bound straight to jsonb as a JSON string.
    const newRow = add(JSON.stringify(change.record ?? {}));
    const oldRow = add(JSON.stringify(oldIdentity ?? {}));
    const alias = change.type === "DELETE" ? "o" : "n";
    const columns = filtered.map((b, i) => `${conditionsSql(b.conditions, info.columns, alias, add)} as f${i}`);
    try {
      const [row] = await this.db.query<Record<string, boolean>>(
        `select ${columns.join(", ")}
         from jsonb_populate_record(null::${info.relation}, ${newRow}::text::jsonb) n,
              jsonb_populate_record(null::${info.relation}, ${oldRow}::text::jsonb) o`,
        params,
      );
      filtered.forEach((b, i) => row?.[`f${i}`] === true && passing.add(b));
    } catch (error) {
      console.warn(`[realtime] could not evaluate filters on ${info.relation}:`, (error as Error).message);
    }
    return passing;
  }

  /** Re-reads the row by primary key as the subscriber, so Postgres applies RLS. */
  private async isVisible(info: TableInfo, record: Row, claims: Claims): Promise<boolean> {
    const settings: [string, string][] = [
      ["request.jwt.claims", JSON.stringify(claims)],
      ["request.jwt.claim.role", claims.role],
      ["request.jwt.claim.sub", typeof claims.sub === "string" ? claims.sub : ""],
    ];
    for (const [name, value] of Object.entries(claims)) {
      if (name === "role" || name === "sub" || !/^[a-z_][a-z0-9_]*$/i.test(name)) continue;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        settings.push([`request.jwt.claim.${name}`, String(value)]);
      }
    }
    const { params, add } = paramList();
    const setConfig = settings.map(([name, value]) => `set_config(${add(name)}, ${add(value)}, true)`);
    const keys = paramList();
    const where = info.primaryKey.map((column) => {
      const type = info.columns.find((c) => c.name === column)?.sqlType ?? "text";
      return `t.${quoteIdent(column)} = ${keys.add(keyText(record[column]))}::${type}`;
    });
    try {
      return await this.db.transaction(async (tx) => {
        await tx.exec("set transaction read only");
        await tx.query(`select ${setConfig.join(", ")}`, params);
        await tx.exec(`set local role ${quoteIdent(claims.role)}`);
        const [row] = await tx.query<{ visible: boolean }>(
          `select exists(select 1 from ${info.relation} t where ${where.join(" and ")}) as visible`,
          keys.params,
        );
        return row?.visible === true;
      });
    } catch {
      // An unknown role or one without privileges on the table sees nothing.
      return false;
    }
  }
}

function payload(
  info: TableInfo,
  change: Change,
  oldIdentity: Row | null,
  selectable: Set<string>,
  select: string[] | null,
): Record<string, unknown> {
  const visible = (name: string) => selectable.has(name) && (!select || select.includes(name));
  const visibleRow = (row: Row | null) => Object.fromEntries(Object.entries(row ?? {}).filter(([name]) => visible(name)));
  const data: Record<string, unknown> = {
    schema: change.schema,
    table: change.table,
    commit_timestamp: change.commit_timestamp,
    type: change.type,
    columns: info.columns.filter((c) => visible(c.name)).map(({ name, type }) => ({ name, type })),
  };
  if (change.type !== "DELETE") data.record = visibleRow(change.record);
  if (change.type === "UPDATE") data.old_record = visibleRow(oldIdentity);
  if (change.type === "DELETE") {
    data.old_record = visibleRow(info.rls && oldIdentity ? pick(oldIdentity, info.primaryKey) : oldIdentity);
  }
  data.errors = change.errors;
  return data;
}

function pick(row: Row, columns: string[]): Row {
  return Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]]));
}

function uniqueIds(bindings: PostgresBinding[]): number[] {
  return [...new Set(bindings.map((b) => b.id))];
}

function groupBySelect(bindings: PostgresBinding[]): { select: string[] | null; ids: number[] }[] {
  const groups = new Map<string, { select: string[] | null; bindings: PostgresBinding[] }>();
  for (const binding of bindings) {
    const key = JSON.stringify(binding.select);
    const group = groups.get(key) ?? { select: binding.select, bindings: [] };
    group.bindings.push(binding);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ select: g.select, ids: uniqueIds(g.bindings) }));
}
