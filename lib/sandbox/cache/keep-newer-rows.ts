import { unstable_serialize, useSWRConfig, type Key, type Middleware } from "swr";
import { mergeSandboxAnswer } from "./merge-sandbox-answer";
import { readCacheKey } from "./sandbox-keys";

/**
 * SWR middleware: an API answer for a sandbox key is merged with the cache as it is when the answer
 * lands, so a fetch that started before a realtime event cannot put the older row back. (SWR drops an
 * answer only when a `mutate` with data hit the same key during the fetch; an event that found no
 * cached data, or landed on a page key of a list loaded in pages, does not count.)
 */
export const keepNewerRows: Middleware = (useSWRNext) => (key, fetcher, config) => {
  const { cache } = useSWRConfig();
  const merged = fetcher
    ? async (...args: unknown[]) => {
        const answer = await fetcher(...args);
        const cacheKey = unstable_serialize(args[0] as Key);
        const sandboxKey = readCacheKey(cacheKey);
        if (!sandboxKey || sandboxKey[1] === "pages") return answer;
        return mergeSandboxAnswer(sandboxKey, answer, cache.get(cacheKey)?.data) as typeof answer;
      }
    : null;
  return useSWRNext(key, merged as typeof fetcher, config);
};
