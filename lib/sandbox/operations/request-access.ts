import "server-only";
import { takeExecRateLimit } from "../exec-rate-limit";
import { isPrivateHost } from "../ssh/is-private-host";
import type { SandboxAccess } from "../ssh/types";
import { assertCanExec } from "./assert-can-exec";
import { findOwnSandbox } from "./find-own-sandbox";
import { rethrowIfGone } from "./rethrow-if-gone";
import type { SandboxCaller } from "./sandbox-caller";

/** A host or user name as it can go into a shell command unquoted; anything else is quoted. */
const quoteArg = (value: string) => (/^[A-Za-z0-9._@:%+=/-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/**
 * A new SSH key for the caller's running sandbox. Production adds the key with an exec, so it counts
 * against the user's "tools" budget; the private key is in the answer only (never logged, never stored).
 */
export async function requestAccess(caller: SandboxCaller, id: string, signal?: AbortSignal): Promise<SandboxAccess> {
  const [row] = await Promise.all([findOwnSandbox(caller, id), takeExecRateLimit(caller.userId, "tools")]);
  assertCanExec(row);
  let access;
  try {
    access = await caller.orchestrator.requestAccess(row.sandbox_id, { signal });
  } catch (error) {
    return rethrowIfGone(error, row);
  }
  const keyFile = `${row.sandbox_id}.pem`;
  const host = access.host;
  return {
    private_key: access.private_key.endsWith("\n") ? access.private_key : `${access.private_key}\n`,
    username: access.username,
    host,
    port: access.port,
    key_file: keyFile,
    chmod_command: `chmod 600 ${keyFile}`,
    ssh_command: `ssh -i ${keyFile} -p ${access.port} ${quoteArg(`${access.username}@${host}`)}`,
    private_host: isPrivateHost(host),
  };
}
