import { readFile, writeFile } from "node:fs/promises";

const marker = "# Written by `npm run local`";

/**
 * Writes the local stack's settings to .env.local so that a plain `next dev` uses
 * them too. A .env.local that someone wrote by hand (for a real project) is left
 * alone; the local command passes its settings to its own child processes anyway.
 */
export async function writeLocalEnvFile(file: string, values: Record<string, string>): Promise<boolean> {
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing !== null && !existing.startsWith(marker)) return false;
  const lines = Object.entries(values).map(([name, value]) => `${name}=${value}`);
  await writeFile(file, `${marker} for the local stack; delete it to use .env instead.\n${lines.join("\n")}\n`, { mode: 0o600 });
  return true;
}
