import "server-only";
import { parseEnv, serverEnvSchema, type ServerEnv } from "./env";

let serverEnv: ServerEnv | undefined;

/** Server-only settings (secret keys, the orchestrator). Importing this from client code fails the build. */
export function getServerEnv(): ServerEnv {
  serverEnv ??= parseEnv(serverEnvSchema, process.env);
  return serverEnv;
}
