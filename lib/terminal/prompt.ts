export const homeDirectory = "/home/agent";

/**
 * The cwd as the prompt shows it: the home directory as `~`. The home is the sandbox's `hot_path`:
 * an unjailed local sandbox reports the host folder its commands really see, not `/home/agent`.
 */
export function displayCwd(cwd: string | null, home: string = homeDirectory): string {
  if (cwd === null || cwd === home) return "~";
  if (cwd.startsWith(`${home}/`)) return `~${cwd.slice(home.length)}`;
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

export function formatPrompt(sandboxId: string, cwd: string | null, home: string = homeDirectory): Prompt {
  const host = `agent@${shortSandboxId(sandboxId)}`;
  const dir = displayCwd(cwd, home);
  return {
    plain: `${host}:${dir}$ `,
    styled: `\x1b[1;32m${host}\x1b[0m:\x1b[1;34m${dir}\x1b[0m$ `,
  };
}
