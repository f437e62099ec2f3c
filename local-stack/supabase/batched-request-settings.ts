// The part of a kysely executor (a transaction) used here: a SELECT without FROM.
interface SettingsExecutor {
  selectNoFrom(
    columns: (eb: {
      fn(name: string, args: unknown[]): { as(alias: string): unknown };
      val(value: string): unknown;
      lit(value: boolean): unknown;
    }) => unknown[],
  ): { execute(): Promise<unknown> };
}

interface RequestContext {
  auth?: { role?: string; uid?: unknown; jwt?: unknown };
  storage?: { operation?: unknown };
}

interface RpcRequest {
  method: string;
  path: string;
  requestHeaders?: Record<string, string>;
}

interface LiteConnectionInternals {
  applyJwtSessionContext(executor: SettingsExecutor, context: RequestContext, setRole: boolean): Promise<void>;
  applyRpcRequestGucs(executor: SettingsExecutor, request: RpcRequest): Promise<void>;
}

/** `select set_config(name, value, true), …`: the settings of one request in one round trip. */
function setLocally(executor: SettingsExecutor, settings: [string, string][]): Promise<unknown> {
  return executor
    .selectNoFrom((eb) => settings.map(([name, value], i) => eb.fn("set_config", [eb.val(name), eb.val(value), eb.lit(true)]).as(`s${i}`)))
    .execute();
}

/**
 * @supabase/lite 0.10.0 gives every REST request its role and JWT claims with one statement per
 * setting (`set_config('role', …)`, three claims, the storage operation, `SET LOCAL ROLE`, and for
 * an RPC five more): nine to fourteen round trips to Postgres inside the request's transaction
 * before its query. Under load those round trips, each a context switch to a Postgres backend and
 * back, were the local stack's largest cost after the orchestrator's forks. PostgREST sets them
 * all in one statement; so does this, with the same settings and values (`set_config('role', r,
 * true)` is `SET LOCAL ROLE r`). Patched on the connection instance (as keepSupabasePrivileges
 * does); if lite's internals are not the expected ones, nothing is changed.
 */
export function batchRequestSettings(connection: object): boolean {
  const lite = connection as Partial<LiteConnectionInternals>;
  if (typeof lite.applyJwtSessionContext !== "function" || typeof lite.applyRpcRequestGucs !== "function") return false;
  lite.applyJwtSessionContext = async (executor, context) => {
    const role = context.auth?.role || "anon";
    const jwt = context.auth?.jwt;
    const settings: [string, string][] = [
      ["role", role],
      ["request.jwt.claim.sub", String(context.auth?.uid ?? "")],
      ["request.jwt.claim.role", role],
      ["storage.operation", String(context.storage?.operation ?? "")],
    ];
    if (jwt && typeof jwt === "object") settings.push(["request.jwt.claims", JSON.stringify(jwt)]);
    await setLocally(executor, settings);
  };
  lite.applyRpcRequestGucs = async (executor, request) => {
    await setLocally(executor, [
      ["response.status", ""],
      ["response.headers", ""],
      ["request.method", request.method],
      ["request.path", request.path],
      ["request.headers", JSON.stringify(request.requestHeaders ?? {})],
    ]);
  };
  return true;
}
