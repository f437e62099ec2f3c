import { LoadingStatus } from "@/components/ui/loading-status";

export default function SandboxListLoading() {
  return <LoadingStatus label="Loading sandboxes…" />;
}
