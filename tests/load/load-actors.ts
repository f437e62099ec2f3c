import type { Answer } from "../../bench/lib/session.ts";
import { browserRequest } from "./browser-request.ts";
import type { SimulatedUser } from "./simulated-users.ts";

export type CallKind = "list" | "exec" | "create" | "delete";

export interface CallRecord {
  kind: CallKind;
  status: number;
  ms: number;
  /** When the call was sent (Date.now()). */
  sentAt: number;
}

/** Every call the simulated users made, and every wrong answer a user would have noticed. */
export class LoadLog {
  /** The app's server instances; calls go to each in turn, as a load balancer without stickiness sends them. */
  private readonly appUrls: string[];
  private nextApp = 0;
  constructor(appUrls: string[]) {
    this.appUrls = appUrls;
  }
  calls: CallRecord[] = [];
  problems: string[] = [];
  /** Dashboard ids each user created, and which of them they deleted again. */
  created = new Map<string, Set<string>>();
  deleted = new Map<string, Set<string>>();

  async call(kind: CallKind, user: SimulatedUser, method: string, path: string, body?: unknown): Promise<Answer> {
    const appUrl = this.appUrls[this.nextApp++ % this.appUrls.length]!;
    const started = performance.now();
    const sentAt = Date.now();
    let answer: Answer;
    try {
      // No call may hang: a creates waits on the orchestrator (its own deadline is 120 s), the rest far less.
      answer = await withTimeout(browserRequest(appUrl, user, method, path, body), kind === "create" ? 150_000 : 30_000);
    } catch (error) {
      this.calls.push({ kind, status: 0, ms: performance.now() - started, sentAt });
      this.problems.push(`${user.email} ${method} ${path}: ${(error as Error).message}`);
      return { status: 0, body: undefined };
    }
    this.calls.push({ kind, status: answer.status, ms: performance.now() - started, sentAt });
    if (answer.status >= 500)
      this.problems.push(`${user.email} ${method} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    return answer;
  }

  note(map: Map<string, Set<string>>, user: SimulatedUser, id: string) {
    if (!map.has(user.userId)) map.set(user.userId, new Set());
    map.get(user.userId)!.add(id);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lists the user's sandboxes every second, as an open list page that polls would; checks only their own rows come back. */
export async function lister(log: LoadLog, user: SimulatedUser, until: number, ownIds: () => Set<string>) {
  // Spread the users over the second, as real users would be.
  await pause(Math.random() * 1_000);
  while (Date.now() < until) {
    const tick = Date.now();
    const answer = await log.call("list", user, "GET", "/api/sandbox");
    if (answer.status === 200) {
      const items = (answer.body as { instances?: { id: string; user_id: string }[] }).instances;
      if (!items) throw new Error(`list answered ${JSON.stringify(answer.body).slice(0, 300)}`);
      const foreign = items.filter((item) => item.user_id !== user.userId);
      if (foreign.length > 0) log.problems.push(`${user.email} was shown ${foreign.length} row(s) of another user`);
      // A row the user never created (and is not being created right now) would be someone else's.
      const known = ownIds();
      for (const item of items)
        if (!known.has(item.id) && item.user_id === user.userId && user.role === "lister")
          log.problems.push(`${user.email} has a row it never made`);
    } else if (answer.status !== 0) {
      log.problems.push(`${user.email} list: HTTP ${answer.status}`);
    }
    await pause(Math.max(0, 1_000 - (Date.now() - tick)));
  }
}

/** Runs commands back to back in the user's sandbox; each answer must be this command's own output. */
export async function executor(log: LoadLog, user: SimulatedUser, sandboxId: string, until: number) {
  let n = 0;
  while (Date.now() < until) {
    const marker = `${user.userId.slice(0, 8)}-${n++}`;
    const answer = await log.call("exec", user, "POST", `/api/sandbox/${sandboxId}/exec`, {
      command: `echo ${marker}`,
      timeout: 30,
    });
    if (answer.status === 200) {
      const { stdout, exit_code } = answer.body as { stdout: string; exit_code: number };
      if (stdout !== `${marker}\n` || exit_code !== 0)
        log.problems.push(`${user.email} exec answered ${JSON.stringify({ stdout, exit_code })} for echo ${marker}`);
    } else if (answer.status === 429) {
      await pause(1_000);
    } else if (answer.status !== 0) {
      log.problems.push(`${user.email} exec: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
  }
}

/** Creates a sandbox, waits for nothing more than the create's answer, deletes it; again until time is up (a cycle in progress finishes). */
export async function creator(log: LoadLog, user: SimulatedUser, until: number) {
  while (Date.now() < until) {
    const created = await log.call("create", user, "POST", "/api/sandbox", { ttl_seconds: 600 });
    if (created.status !== 201) {
      if (created.status !== 0)
        log.problems.push(`${user.email} create: HTTP ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
      await pause(1_000);
      continue;
    }
    const id = (created.body as { instance: { id: string } }).instance.id;
    log.note(log.created, user, id);
    const deleted = await log.call("delete", user, "DELETE", `/api/sandbox/${id}`);
    if (deleted.status === 204 || deleted.status === 200) log.note(log.deleted, user, id);
    else if (deleted.status !== 0)
      log.problems.push(`${user.email} delete: HTTP ${deleted.status} ${JSON.stringify(deleted.body).slice(0, 200)}`);
  }
}
