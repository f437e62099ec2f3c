import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { SignedInUser } from "@/types/auth";

export function DashboardHeader({ user }: { user: SignedInUser }) {
  return (
    <header className="border-b border-border bg-surface">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <nav aria-label="Main" className="flex items-center gap-4">
          <Link href="/dashboard" className="text-lg font-semibold">
            Matrx Sandboxes
          </Link>
          <Link href="/dashboard/sandbox" className="text-sm font-medium text-muted hover:text-foreground">
            Sandboxes
          </Link>
        </nav>
        <div className="flex items-center gap-2 sm:gap-3">
          <span className="hidden text-sm text-muted sm:inline" data-testid="header-user-email">
            {user.email ?? "Signed in"}
          </span>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
