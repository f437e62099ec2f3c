"use client";

import dynamic from "next/dynamic";

/** The Files view, in a chunk of its own: loaded when its tab is opened, never with the page. */
export const FilesPanelLoader = dynamic(() => import("./files-panel").then((module) => module.FilesPanel), {
  ssr: false,
  loading: () => (
    <div className="flex h-full min-h-[22rem] items-center justify-center rounded-lg border border-border text-muted" role="status">
      Loading files…
    </div>
  ),
});
