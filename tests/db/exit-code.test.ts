import { expect, it } from "vitest";
import { openDatabase } from "../../local-stack/db/database.ts";

it("opening and closing the embedded database leave the process's exit code alone (a failed run stays failed)", async () => {
  const before = process.exitCode;
  process.exitCode = 3;
  try {
    const db = await openDatabase({});
    await db.close();
    expect(process.exitCode).toBe(3);
  } finally {
    process.exitCode = before;
  }
  // A fresh embedded database runs every migration: on a loaded 2-core machine that can pass 30 s.
}, 90_000);
