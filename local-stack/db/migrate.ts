import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { getAuthSchemaSql } from "@supabase/lite";
import type { LocalDatabase } from "./database.ts";
import { migrationsDir, seedFile } from "../paths.ts";

const platformSqlFile = new URL("./platform.sql", import.meta.url);

export interface Migration {
  version: string;
  name: string;
  file: string;
}

async function listMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
  return files.map((f) => {
    const separator = f.indexOf("_");
    return { version: f.slice(0, separator), name: f.slice(separator + 1, -".sql".length), file: path.join(dir, f) };
  });
}

/**
 * Creates what a Supabase project has before its migrations run: the auth schema
 * (as @supabase/lite's auth server expects it), Supabase's roles, auth helpers and
 * the realtime publication. Roles are cluster-wide on a shared server, so a
 * concurrent creation elsewhere is retried once.
 */
async function installPlatform(db: LocalDatabase): Promise<void> {
  const sql = getAuthSchemaSql(false) + "\n" + (await readFile(platformSqlFile, "utf8"));
  try {
    await db.exec(sql);
  } catch (error) {
    if (!isDuplicateObject(error)) throw error;
    await db.exec(sql);
  }
}

/** Applies pending migrations in order, each in its own transaction, recording them the way the Supabase CLI does. */
async function applyMigrations(db: LocalDatabase): Promise<string[]> {
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key,
      name text,
      statements text[],
      inserted_at timestamptz not null default now()
    );
  `);
  const applied = new Set(
    (await db.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).map((r) => r.version),
  );
  const done: string[] = [];
  for (const migration of await listMigrations()) {
    if (applied.has(migration.version)) continue;
    const text = await readFile(migration.file, "utf8");
    await db.transaction(async (tx) => {
      await tx.exec(text);
      await tx.query("insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)", [
        migration.version,
        migration.name,
        [text],
      ]);
    });
    done.push(`${migration.version}_${migration.name}`);
  }
  return done;
}

/** Runs supabase/seed.sql unless it already ran on this database. Returns whether it ran. */
async function seedOnce(db: LocalDatabase): Promise<boolean> {
  await db.exec(`
    create table if not exists supabase_migrations.seed_files (
      path text primary key,
      hash text not null,
      inserted_at timestamptz not null default now()
    );
  `);
  const rows = await db.query("select 1 from supabase_migrations.seed_files where path = 'supabase/seed.sql'");
  if (rows.length > 0) return false;
  const text = await readFile(seedFile, "utf8");
  await db.transaction(async (tx) => {
    await tx.exec(text);
    await tx.query("insert into supabase_migrations.seed_files (path, hash) values ('supabase/seed.sql', md5($1))", [text]);
  });
  return true;
}

export async function prepareDatabase(db: LocalDatabase, options: { seed: boolean }) {
  await installPlatform(db);
  const migrations = await applyMigrations(db);
  const seeded = options.seed ? await seedOnce(db) : false;
  return { migrations, seeded };
}

function isDuplicateObject(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === "42710" || code === "23505";
}
