import type { ReactNode } from "react";
import { DashboardHeader } from "@/components/dashboard/dashboard-header";
import { SandboxLiveProvider } from "@/components/sandbox/sandbox-live-provider";
import { requireSignedInUser } from "@/lib/auth/session";
import { sandboxSettings } from "@/lib/sandbox/settings";
import { getPublicEnv } from "@/lib/env";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireSignedInUser("/dashboard");
  const { NEXT_PUBLIC_SUPABASE_URL: url, NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: publishableKey } = getPublicEnv();
  return (
    <>
      {/* The first tab stop: past the header to the page's own content. */}
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-background px-3 py-2 font-medium focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <DashboardHeader user={user} />
      <main id="main" tabIndex={-1} className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6 outline-none sm:px-6 sm:py-8">
        <SandboxLiveProvider userId={user.id} activeLimit={sandboxSettings().activeLimit} supabase={{ url, publishableKey }}>
          {children}
        </SandboxLiveProvider>
      </main>
    </>
  );
}
