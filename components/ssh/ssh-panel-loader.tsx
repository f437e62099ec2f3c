"use client";

import dynamic from "next/dynamic";
import { LoadingStatus } from "@/components/ui/loading-status";

/** The SSH tab's code loads when the tab is first opened, not with the page. */
export const SshPanelLoader = dynamic(() => import("./ssh-panel").then((module) => module.SshPanel), {
  ssr: false,
  loading: () => <LoadingStatus label="Loading SSH access…" />,
});
