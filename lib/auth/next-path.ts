const DEFAULT_SIGNED_IN_PATH = "/dashboard";

const BASE = "http://same-origin.invalid";

/**
 * Where to go after sign-in. Only a same-origin relative path is accepted ("/dashboard?x=1");
 * anything else ("//evil.example", "https://...", "/\\evil", "javascript:") falls back to the dashboard.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) {
    return DEFAULT_SIGNED_IN_PATH;
  }
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return DEFAULT_SIGNED_IN_PATH;
  }
  // The URL parser drops tabs and newlines, so "/\t/evil.example" only shows its host here.
  if (url.origin !== BASE || url.pathname === "/login") return DEFAULT_SIGNED_IN_PATH;
  // Checked again after normalising: "/.//evil.example" and "/..//evil.example" become "//evil.example".
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!isPlainPath(path)) return DEFAULT_SIGNED_IN_PATH;
  return path;
}

function isPlainPath(path: string): boolean {
  if (path.startsWith("//") || path.startsWith("/\\")) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

export function loginPathFor(nextPath: string): string {
  return `/login?${new URLSearchParams({ next: nextPath })}`;
}
