import { sandboxApi } from "../sandbox-api";
import type { SandboxDetailKey, SandboxListKey } from "./sandbox-keys";

/** SWR's fetcher for the keys of `sandboxKeys`: a list page or one sandbox. */
export async function fetchSandboxKey(key: SandboxListKey | SandboxDetailKey): Promise<unknown> {
  return key[1] === "list" ? sandboxApi.list(key[2]) : sandboxApi.get(key[2]);
}
