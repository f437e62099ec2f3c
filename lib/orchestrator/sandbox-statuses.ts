/** The statuses of a sandbox, as docs/orchestrator-contract.md defines them. Without zod: the browser reads it. */
export const sandboxStatuses = ["creating", "starting", "ready", "running", "shutting_down", "stopped", "failed", "expired"] as const;
