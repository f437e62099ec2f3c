import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath } from "@/lib/auth/next-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-muted">Matrx Sandboxes</p>
        <h1 className="text-2xl font-semibold">Sign in</h1>
      </div>
      <LoginForm nextPath={safeNextPath(next)} />
    </main>
  );
}
