import { createSandboxApi } from "./api-client";
import { sandboxKeys } from "./keys";
import { detailIdFromKey, listViewFromKey } from "./realtime/apply-sandbox-change";
import { noteServerDate } from "./server-clock";

/** The browser's API client; every answer's Date header corrects the clock used for countdowns. */
export const sandboxApi = createSandboxApi({
  fetch: async (input, init) => {
    const response = await fetch(input, init);
    noteServerDate(response.headers.get("date"));
    return response;
  },
});

/** SWR's fetcher for sandbox keys (lib/sandbox/keys.ts): a list page or one sandbox. */
export async function fetchSandboxKey(key: string): Promise<unknown> {
  if (key.startsWith(sandboxKeys.listPrefix)) {
    const view = listViewFromKey(key)!;
    const params = new URLSearchParams(key.slice(sandboxKeys.listPrefix.length));
    return sandboxApi.list({
      status: view.status,
      q: view.q,
      sort: view.sort,
      limit: Number(params.get("limit") ?? 50),
      offset: Number(params.get("offset") ?? 0),
    });
  }
  const id = detailIdFromKey(key);
  if (id) return sandboxApi.get(id);
  throw new Error(`Not a sandbox key: ${key}`);
}
