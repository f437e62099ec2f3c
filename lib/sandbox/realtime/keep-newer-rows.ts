import { useSWRConfig, type Middleware } from "swr";
import { mergeSandboxAnswer } from "./merge-sandbox-answer";

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
        const entry = args[0];
        return (typeof entry === "string" ? mergeSandboxAnswer(entry, answer, cache.get(entry)?.data) : answer) as typeof answer;
      }
    : null;
  return useSWRNext(key, merged as typeof fetcher, config);
};
