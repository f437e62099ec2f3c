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

export interface Prompt {
  /** What the prompt shows, for measuring and for plain-text transcripts. */
  plain: string;
  /** The same with colours. */
  styled: string;
}

/** `agent@<name>:<cwd>$ `, the name being the sandbox's id as the page's header shows it (`sandbox_id`). */
export function formatPrompt(name: string, cwd: string | null, home: string = homeDirectory): Prompt {
  const host = `agent@${name}`;
  const dir = displayCwd(cwd, home);
  return {
    plain: `${host}:${dir}$ `,
    styled: `\x1b[1;32m${host}\x1b[0m:\x1b[1;34m${dir}\x1b[0m$ `,
  };
}
