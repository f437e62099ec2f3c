// Generates types/supabase.ts from the migrated schema with the generator the
// Supabase CLI runs (`supabase gen types typescript`): postgres-meta in
// type-generation mode. PGlite is exposed to it over the Postgres wire protocol.
//   npx tsx local-stack/cli/gen-types.ts           write types/supabase.ts
//   npx tsx local-stack/cli/gen-types.ts --check   exit 1 if the committed file is stale
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "../db/database.ts";
import { prepareDatabase } from "../db/migrate.ts";
import { repoRoot } from "../paths.ts";

const typesFile = path.join(repoRoot, "types", "supabase.ts");
const postgresMetaServer = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@supabase/postgres-meta/package.json")),
  "dist/server/server.js",
);

export async function generateTypes(): Promise<string> {
  const db = await openDatabase({});
  const socket = new PGLiteSocketServer({ db: db.connection.driver as PGlite, port: 0, host: "127.0.0.1" });
  try {
    await prepareDatabase(db, { seed: false });
    await socket.start();
    const { stdout } = await promisify(execFile)(process.execPath, [postgresMetaServer], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PG_META_DB_URL: `postgresql://postgres:postgres@${socket.getServerConn()}/postgres?sslmode=disable`,
        PG_META_GENERATE_TYPES: "typescript",
        PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: "public",
        PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: "true",
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await socket.stop();
    await db.close();
  }
}

async function main() {
  const generated = await generateTypes();
  if (process.argv.includes("--check")) {
    const committed = await readFile(typesFile, "utf8").catch(() => "");
    if (committed !== generated) {
      console.error("types/supabase.ts is out of date with supabase/migrations: run `npm run gen:types`.");
      process.exit(1);
    }
    console.log("types/supabase.ts matches the schema.");
    return;
  }
  await writeFile(typesFile, generated);
  console.log(`wrote ${path.relative(repoRoot, typesFile)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
