import type { Metadata } from "next";
import Link from "next/link";
import { CenteredMessage } from "@/components/ui/centered-message";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <CenteredMessage title="Page not found" body="There is nothing at this address.">
      <Link href="/dashboard" className="font-medium text-accent underline underline-offset-4">
        Go to the dashboard
      </Link>
    </CenteredMessage>
  );
}
