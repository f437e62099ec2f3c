/** Runs of %XX become bytes, decoded as UTF-8 with U+FFFD for what is not; anything else stays as written. */
function unquotePath(raw: string): string {
  return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    new TextDecoder().decode(Uint8Array.from(run.slice(1).split("%"), (hex) => Number.parseInt(hex, 16))),
  );
}

/**
 * The path (percent-decoded) and query of a request target, as uvicorn hands them to Starlette:
 * malformed escapes are kept literally, so they reach the routes (and their 404s) instead of failing.
 * An absolute-form target (`http://host/path`) contributes only its path and query.
 */
export function parseRequestTarget(target: string): { path: string; query: URLSearchParams } {
  let rest = target;
  if (!rest.startsWith("/")) {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(rest);
    rest = absolute?.[1] || "/";
  }
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const rawPath = question >= 0 ? rest.slice(0, question) : rest;
  return { path: unquotePath(rawPath || "/"), query: new URLSearchParams(question >= 0 ? rest.slice(question + 1) : "") };
}
