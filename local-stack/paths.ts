import { fileURLToPath } from "node:url";
import path from "node:path";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const migrationsDir = path.join(repoRoot, "supabase", "migrations");
export const seedFile = path.join(repoRoot, "supabase", "seed.sql");
/** Git-ignored home of the local stack's data, keys and sandboxes. */
export const defaultStateDir = path.join(repoRoot, ".local-stack");
