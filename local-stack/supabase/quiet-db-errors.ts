let installed = false;

/**
 * @supabase/lite prints every failed query (an RLS refusal, a unique violation) to
 * console.error in full, with its parameters. Those are normal answers to clients,
 * so they are shortened to one line. Everything else is printed unchanged.
 */
export function quietDatabaseErrors(): void {
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const [first] = args;
    if (args.length === 1 && isDatabaseError(first)) {
      original(`[local-supabase] query refused: ${first.code} ${first.message}`);
      return;
    }
    original(...args);
  };
}

function isDatabaseError(value: unknown): value is Error & { code: string } {
  const code = value instanceof Error ? (value as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}
