// Row changes of the tables in the supabase_realtime publication, from the notify
// triggers of notify-triggers.sql.
import { readFile } from "node:fs/promises";
import type { LocalDatabase } from "../db/database.ts";
import { quoteIdent, tableKey, type Catalog } from "./catalog.ts";
import type { ChangeEvent } from "./bindings.ts";
import { isObject } from "./protocol.ts";

export type Row = Record<string, unknown>;

export interface Change {
  schema: string;
  table: string;
  type: ChangeEvent;
  commit_timestamp: string;
  record: Row | null;
  old_record: Row | null;
  /** Realtime's errors for this change (e.g. "Error 413: Payload Too Large"), or null. */
  errors: string[] | null;
}

interface Notification extends Omit<Change, "errors"> {
  truncated?: boolean;
}

const publication = "supabase_realtime";
const notifyChannel = "local_realtime_changes";
const triggerName = "local_realtime_notify";
const installSqlFile = new URL("./notify-triggers.sql", import.meta.url);

export class ChangeFeed {
  private published = new Set<string>();
  private syncing: Promise<void> = Promise.resolve();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private db: LocalDatabase,
    private catalog: Catalog,
    private onChange: (change: Promise<Change | null>) => void,
  ) {}

  async start(): Promise<void> {
    await this.db.exec(await readFile(installSqlFile, "utf8"));
    await this.sync({ reinstall: true });
    this.unlisten = await this.db.listen(notifyChannel, (payload) => this.onChange(this.receive(payload)));
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
    await this.syncing;
  }

  isPublished(schema: string, table: string): boolean {
    return this.published.has(tableKey(schema, table));
  }

  publishedTables(): { schema: string; table: string }[] {
    return [...this.published].map((key) => {
      const dot = key.indexOf(".");
      return { schema: key.slice(0, dot), table: key.slice(dot + 1) };
    });
  }

  /**
   * Puts a trigger on each published table that lacks one (all of them with reinstall,
   * to follow primary key changes) and removes it from tables no longer published.
   * Realtime also resolves a subscription's tables when it joins, so joins call this.
   */
  sync(options: { reinstall?: boolean } = {}): Promise<void> {
    const run = this.syncing.then(() => this.syncNow(options.reinstall ?? false));
    this.syncing = run.catch(() => {});
    return run;
  }

  private async syncNow(reinstall: boolean): Promise<void> {
    const tables = await this.db.query<{ schema: string; table: string; installed: boolean }>(
      `select p.schemaname as schema, p.tablename as table,
         exists(select 1 from pg_trigger t
                where t.tgrelid = format('%I.%I', p.schemaname, p.tablename)::regclass and t.tgname = $2) as installed
       from pg_publication_tables p where p.pubname = $1`,
      [publication, triggerName],
    );
    const triggered = await this.db.query<{ schema: string; table: string }>(
      `select n.nspname as schema, c.relname as table
       from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
       where t.tgname = $1`,
      [triggerName],
    );
    const published = new Set(tables.map((t) => tableKey(t.schema, t.table)));
    for (const { schema, table, installed } of tables) {
      if (installed && !reinstall) continue;
      this.catalog.forget(schema, table);
      const info = await this.catalog.table(schema, table);
      if (!info) continue;
      const keyArgs = info.primaryKey.map((c) => `'${c.replaceAll("'", "''")}'`).join(", ");
      await this.db.exec(
        `create or replace trigger ${quoteIdent(triggerName)}
           after insert or update or delete on ${info.relation}
           for each row execute function local_realtime.notify_change(${keyArgs})`,
      );
    }
    for (const { schema, table } of triggered) {
      if (published.has(tableKey(schema, table))) continue;
      await this.db.exec(`drop trigger if exists ${quoteIdent(triggerName)} on ${quoteIdent(schema)}.${quoteIdent(table)}`);
    }
    this.published = published;
  }

  private async receive(payload: string): Promise<Change | null> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return null;
    }
    if (!isObject(parsed)) return null;
    const { truncated, ...change } = parsed as unknown as Notification;
    if (!truncated) return { ...change, errors: null };
    return this.complete(change);
  }

  /** A change that did not fit in a notification: re-read the new row by its key. */
  private async complete(change: Omit<Change, "errors">): Promise<Change> {
    const info = await this.catalog.table(change.schema, change.table);
    let record = change.record;
    if (info && record && info.primaryKey.length > 0) {
      const where = info.primaryKey.map((c, i) => `t.${quoteIdent(c)} = $${i + 1}::${columnType(info, c)}`);
      const [row] = await this.db.query<{ row: unknown }>(
        `select to_jsonb(t) as row from ${info.relation} t where ${where.join(" and ")}`,
        info.primaryKey.map((c) => keyText(record![c])),
      );
      if (row) record = (typeof row.row === "string" ? JSON.parse(row.row) : row.row) as Row;
    }
    const whole = record !== change.record && change.type === "INSERT";
    return { ...change, record, errors: whole ? null : ["Error 413: Payload Too Large"] };
  }
}

function columnType(info: { columns: { name: string; sqlType: string }[] }, column: string): string {
  return info.columns.find((c) => c.name === column)?.sqlType ?? "text";
}

/** A key value from to_jsonb() in the text form Postgres can cast back. */
export function keyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
