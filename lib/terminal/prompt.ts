export const homeDirectory = "/home/agent";

/** The cwd as the prompt shows it: the home directory as `~`. */
export function displayCwd(cwd: string | null): string {
  if (cwd === null || cwd === homeDirectory) return "~";
  if (cwd.startsWith(`${homeDirectory}/`)) return `~${cwd.slice(homeDirectory.length)}`;
  return cwd;
}

/** The first block of the sandbox's id, enough to tell sandboxes apart in a prompt. */
export const shortSandboxId = (id: string) => id.slice(0, 8);

export interface Prompt {
  /** What the prompt shows, for measuring and for plain-text transcripts. */
  plain: string;
  /** The same with colours. */
  styled: string;
}

export function formatPrompt(sandboxId: string, cwd: string | null): Prompt {
  const host = `agent@${shortSandboxId(sandboxId)}`;
  const dir = displayCwd(cwd);
  return {
    plain: `${host}:${dir}$ `,
    styled: `\x1b[1;32m${host}\x1b[0m:\x1b[1;34m${dir}\x1b[0m$ `,
  };
}
