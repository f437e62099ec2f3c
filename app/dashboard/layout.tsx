import type { ReactNode } from "react";
import { DashboardHeader } from "@/components/dashboard/dashboard-header";
import { SandboxLiveProvider } from "@/components/sandbox/sandbox-live-provider";
import { requireSignedInUser } from "@/lib/auth/session";
import { sandboxSettings } from "@/lib/sandbox/settings";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireSignedInUser("/dashboard");
  return (
    <>
      <DashboardHeader user={user} />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6 sm:px-6 sm:py-8">
        <SandboxLiveProvider userId={user.id} activeLimit={sandboxSettings().activeLimit}>
          {children}
        </SandboxLiveProvider>
      </main>
    </>
  );
}
