/**
 * Commands another view asks the terminal to run ("open in terminal" in Files), per sandbox: the
 * terminal takes one when its prompt is there, as if it had been typed. One waits at most; a newer
 * one replaces it.
 */
const queued = new Map<string, string>();
const listeners = new Set<() => void>();
let version = 0;

export function queueTerminalCommand(sandboxId: string, command: string) {
  queued.set(sandboxId, command);
  version++;
  for (const listener of listeners) listener();
}

export function takeQueuedTerminalCommand(sandboxId: string): string | undefined {
  const command = queued.get(sandboxId);
  queued.delete(sandboxId);
  return command;
}

/** For useSyncExternalStore: a number that changes whenever a command is queued. */
export function subscribeQueuedTerminalCommands(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const queuedTerminalCommandsVersion = () => version;
