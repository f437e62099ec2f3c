import type { CSSProperties } from "react";

/** One coloured piece of a highlighted line (light colour as `color`, dark as `--shiki-dark`). */
export interface CodeToken {
  content: string;
  style?: CSSProperties;
}
