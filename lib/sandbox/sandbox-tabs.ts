/** The sandbox page's working views, in the URL as `?tab=`. */
const sandboxTabs = ["terminal", "files", "processes", "ssh"] as const;
export type SandboxTab = (typeof sandboxTabs)[number];

/** The tab a URL asks for; an unknown or missing one is the first. */
export function readSandboxTab(value: string | string[] | undefined | null): SandboxTab {
  const tab = Array.isArray(value) ? value[0] : value;
  return (sandboxTabs as readonly string[]).includes(tab ?? "") ? (tab as SandboxTab) : sandboxTabs[0];
}
