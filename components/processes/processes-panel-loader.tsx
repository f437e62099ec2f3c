"use client";

import dynamic from "next/dynamic";
import { LoadingStatus } from "@/components/ui/loading-status";

/** The Processes tab's code loads when the tab is first opened, not with the page. */
export const ProcessesPanelLoader = dynamic(() => import("./processes-panel").then((module) => module.ProcessesPanel), {
  ssr: false,
  loading: () => <LoadingStatus label="Loading processes…" />,
});
