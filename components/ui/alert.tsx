import type { LucideIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const variants = {
  error: "border-danger/50 bg-danger-surface text-danger",
  warning: "border-warning/50 bg-warning-surface text-warning",
  info: "border-info/50 bg-info-surface text-info",
  success: "border-success/50 bg-success-surface text-success",
  neutral: "border-border bg-surface text-foreground",
} as const;

export type AlertVariant = keyof typeof variants;

export type AlertProps = ComponentProps<"div"> & {
  variant?: AlertVariant;
  /** Shown before the text, hidden from screen readers. */
  icon?: LucideIcon;
};

/**
 * A banner in the page. Errors and warnings are announced at once (role=alert); info, success and
 * neutral politely (role=status). Pass `role` to choose otherwise.
 */
export function Alert({ variant = "info", icon: Icon, role, className, children, ...props }: AlertProps) {
  return (
    <div
      role={role ?? (variant === "error" || variant === "warning" ? "alert" : "status")}
      className={cn("flex items-start gap-2 rounded-md border p-3 text-sm", variants[variant], className)}
      {...props}
    >
      {Icon && <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />}
      {children}
    </div>
  );
}
