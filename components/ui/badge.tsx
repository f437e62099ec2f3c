import type { ComponentProps } from "react";
import { cn } from "./cn";

const badgeTones = {
  neutral: "border-border bg-surface text-foreground",
  info: "border-info/40 bg-info-surface text-info",
  success: "border-success/40 bg-success-surface text-success",
  warning: "border-warning/40 bg-warning-surface text-warning",
  danger: "border-danger/40 bg-danger-surface text-danger",
} as const;

export type BadgeTone = keyof typeof badgeTones;

export function Badge({ tone = "neutral", className, ...props }: ComponentProps<"span"> & { tone?: BadgeTone }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap [&_svg]:size-3.5",
        badgeTones[tone],
        className,
      )}
      {...props}
    />
  );
}
