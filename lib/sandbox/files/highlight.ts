import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import type { CodeToken } from "./code-token";

/** Each grammar is its own chunk, fetched the first time a file of its kind is opened. */
const grammars: Record<string, () => Promise<unknown>> = {
  typescript: () => import("shiki/langs/typescript.mjs"),
  tsx: () => import("shiki/langs/tsx.mjs"),
  javascript: () => import("shiki/langs/javascript.mjs"),
  jsx: () => import("shiki/langs/jsx.mjs"),
  json: () => import("shiki/langs/json.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  shellscript: () => import("shiki/langs/shellscript.mjs"),
  markdown: () => import("shiki/langs/markdown.mjs"),
  yaml: () => import("shiki/langs/yaml.mjs"),
  toml: () => import("shiki/langs/toml.mjs"),
  html: () => import("shiki/langs/html.mjs"),
  css: () => import("shiki/langs/css.mjs"),
  go: () => import("shiki/langs/go.mjs"),
  rust: () => import("shiki/langs/rust.mjs"),
  sql: () => import("shiki/langs/sql.mjs"),
  c: () => import("shiki/langs/c.mjs"),
  cpp: () => import("shiki/langs/cpp.mjs"),
  java: () => import("shiki/langs/java.mjs"),
  ruby: () => import("shiki/langs/ruby.mjs"),
  xml: () => import("shiki/langs/xml.mjs"),
  ini: () => import("shiki/langs/ini.mjs"),
  docker: () => import("shiki/langs/docker.mjs"),
  make: () => import("shiki/langs/make.mjs"),
};

let highlighter: Promise<HighlighterCore> | null = null;

/** Tokens of `content` per line, coloured for both themes (the dark one in `--shiki-dark`). */
export async function highlight(content: string, language: string): Promise<CodeToken[][]> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light-default.mjs"), import("shiki/themes/github-dark-default.mjs")],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  });
  const core = await highlighter;
  if (!core.getLoadedLanguages().includes(language)) {
    const load = grammars[language];
    if (!load) return content.split("\n").map((line) => [{ content: line }]);
    await core.loadLanguage((await load()) as never);
  }
  const { tokens } = core.codeToTokens(content, { lang: language, themes: { light: "github-light-default", dark: "github-dark-default" } });
  return tokens.map((line) => line.map((token) => ({ content: token.content, style: token.htmlStyle as CodeToken["style"] })));
}
