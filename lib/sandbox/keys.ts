/** SWR keys for sandbox data: the only place they are built, so pages, hooks and realtime agree. */
export const sandboxKeys = {
  /** Every list key starts with this; realtime updates all of them. */
  listPrefix: "/api/sandbox?" as const,
  list: (query: URLSearchParams | string = "") => `/api/sandbox?${String(query)}`,
  detail: (id: string) => `/api/sandbox/${id}`,
  /** What the Processes tab polls; realtime leaves them alone. */
  processes: (id: string) => `/api/sandbox/${id}/processes`,
  usage: (id: string) => `/api/sandbox/${id}/usage`,
};

export const isSandboxListKey = (key: unknown): key is string => typeof key === "string" && key.startsWith(sandboxKeys.listPrefix);
export const isSandboxDetailKey = (key: unknown): key is string => typeof key === "string" && /^\/api\/sandbox\/[^/?]+$/.test(key);
