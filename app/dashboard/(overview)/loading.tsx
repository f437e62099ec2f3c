import { LoadingStatus } from "@/components/ui/loading-status";

export default function DashboardLoading() {
  return <LoadingStatus label="Loading dashboard…" />;
}
