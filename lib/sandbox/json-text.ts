/** Checks on text and JSON the database and the orchestrator cannot take. */

/** The deepest nesting of arrays and objects accepted in user JSON (config). */
export const maxJsonDepth = 32;

/** NUL and unpaired UTF-16 surrogates: Postgres text and jsonb refuse them, and so does a process's argv. */
export function hasUnstorableText(value: string): boolean {
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

export type JsonProblem = "too_deep" | "unstorable_text";

/**
 * Walks a parsed JSON value without recursion (so no depth can overflow the stack) and
 * answers the first problem: nested deeper than `maxDepth`, or a key or string with
 * NUL or a lone surrogate.
 */
export function findJsonProblem(value: unknown, maxDepth = maxJsonDepth): JsonProblem | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current === "string") {
      if (hasUnstorableText(current)) return "unstorable_text";
    } else if (current !== null && typeof current === "object") {
      if (depth >= maxDepth) return "too_deep";
      for (const [key, child] of Object.entries(current)) {
        if (hasUnstorableText(key)) return "unstorable_text";
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}
