/** The grammars the preview highlights, by file extension or name. */
const byExtension: Record<string, string> = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  json: "json",
  py: "python",
  sh: "shellscript",
  bash: "shellscript",
  zsh: "shellscript",
  md: "markdown",
  yml: "yaml",
  yaml: "yaml",
  toml: "toml",
  html: "html",
  css: "css",
  go: "go",
  rs: "rust",
  sql: "sql",
  c: "c",
  h: "c",
  cpp: "cpp",
  hpp: "cpp",
  java: "java",
  rb: "ruby",
  xml: "xml",
  ini: "ini",
};
const byName: Record<string, string> = { Dockerfile: "docker", Makefile: "make", ".bashrc": "shellscript", ".profile": "shellscript" };

export function highlightLanguage(name: string): string | null {
  if (byName[name]) return byName[name];
  const extension = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  return byExtension[extension] ?? null;
}
