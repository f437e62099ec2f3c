"use client";

import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useCopy } from "@/hooks/use-copy";

/** A sandbox id in monospace with a copy button (the whole id is copied, even when `shown` is shorter). */
export function CopyId({
  value,
  shown = value,
  label = "sandbox id",
  className = "text-sm",
}: {
  value: string;
  shown?: string;
  label?: string;
  className?: string;
}) {
  const { copied, copy } = useCopy();
  return (
    <span className="inline-flex items-center gap-1">
      <code className={`font-mono ${className}`} title={value}>
        {shown}
      </code>
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        onClick={() => copy(value)}
        aria-label={copied ? `Copied ${label}` : `Copy ${label} ${value}`}
      >
        {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
      </Button>
    </span>
  );
}
