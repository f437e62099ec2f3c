import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { SignedInUser } from "@/types/auth";

export function DashboardHeader({ user }: { user: SignedInUser }) {
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-6 py-3">
        <Link href="/dashboard" className="text-lg font-semibold">
          Matrx Sandboxes
        </Link>
        <div className="flex items-center gap-3">
          <span className="text-sm text-muted" data-testid="header-user-email">
            {user.email ?? "Signed in"}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
