import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { listCommand } from "./file-commands";
import type { FileListing } from "./file-entry";
import { parseListing } from "./parse-listing";
import { runFileCommand } from "./run-file-command";

/** A folder's first 1,000 entries by name and how many it holds; no path is the sandbox user's home. */
export async function listFiles(caller: SandboxCaller, id: string, path: string | null, signal?: AbortSignal): Promise<FileListing> {
  const stdout = await runFileCommand(caller, id, listCommand(path), { path: path ?? "The home folder", signal });
  const listing = parseListing(stdout);
  if (!listing) throw new ApiError("orchestrator_error", "The sandbox answered the listing in a shape the dashboard does not know.");
  return listing;
}
