import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generateTypes } from "../../local-stack/cli/gen-types.ts";

describe("types/supabase.ts", () => {
  it("is what the Supabase type generator makes of the migrated schema (run `npm run gen:types` if not)", async () => {
    const committed = await readFile(new URL("../../types/supabase.ts", import.meta.url), "utf8");
    expect(committed).toBe(await generateTypes());
  }, 120_000);
});
