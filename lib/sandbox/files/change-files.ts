import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SandboxCaller } from "../operations/sandbox-caller";
import { deleteCommand, mkdirCommand, renameCommand } from "./file-commands";
import { joinFilePath, parentOf } from "./file-path";
import { runFileCommand } from "./run-file-command";

/** Makes a folder `name` in `folder`; 409 when the name is taken. */
export async function makeFolder(caller: SandboxCaller, id: string, folder: string, name: string, signal?: AbortSignal) {
  const path = joinFilePath(folder, name);
  await runFileCommand(caller, id, mkdirCommand(folder, path), { path, signal });
  return { path };
}

/** Renames an entry within its folder; 409 when the new name is taken. */
export async function renameEntry(caller: SandboxCaller, id: string, path: string, newName: string, signal?: AbortSignal) {
  if (path === "/") throw new ApiError("validation", "path The root folder cannot be renamed.");
  const to = joinFilePath(parentOf(path).folder, newName);
  await runFileCommand(caller, id, renameCommand(path, to), { path, signal });
  return { path: to };
}

/** Deletes a file, a link or a folder with all it holds. */
export async function deleteEntry(caller: SandboxCaller, id: string, path: string, signal?: AbortSignal) {
  if (path === "/") throw new ApiError("validation", "path The root folder cannot be deleted.");
  await runFileCommand(caller, id, deleteCommand(path), { path, signal, timeout: 120 });
  return { path };
}
