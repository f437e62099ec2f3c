/** SWR keys for sandbox data: the only place they are built, so pages, hooks and realtime agree. */
export const sandboxKeys = {
  /** Every list key starts with this; realtime updates all of them. */
  listPrefix: "/api/sandbox?" as const,
  list: (query: URLSearchParams | string = "") => `/api/sandbox?${String(query)}`,
  detail: (id: string) => `/api/sandbox/${id}`,
  /** A folder of a sandbox in the Files view (null: home). An array, so no sandbox key matcher takes it. */
  files: (id: string, path: string | null) => ["sandbox-files", id, path] as const,
};

export const isSandboxListKey = (key: unknown): key is string => typeof key === "string" && key.startsWith(sandboxKeys.listPrefix);
export const isSandboxDetailKey = (key: unknown): key is string =>
  typeof key === "string" && key.startsWith("/api/sandbox/") && !key.includes("/exec");
