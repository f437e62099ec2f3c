"use client";

import type { ReactNode } from "react";
import { Button, type ButtonProps } from "./button";
import { cn } from "./cn";
import { Tooltip } from "./tooltip";

export type IconButtonProps = Omit<ButtonProps, "size" | "asChild" | "aria-label" | "title"> & {
  /** The accessible name, also the tooltip unless `tooltip` is given. */
  label: string;
  /** What the tooltip says (e.g. the label with its shortcut). */
  tooltip?: ReactNode;
  size?: "sm" | "md";
};

const sizes = { sm: "size-7", md: "size-8" } as const;

/** A button showing only an icon (its children, aria-hidden): named for screen readers, explained by a tooltip on hover and focus. */
export function IconButton({ label, tooltip, size = "md", variant = "ghost", className, ...props }: IconButtonProps) {
  return (
    <Tooltip content={tooltip ?? label}>
      <Button variant={variant} size="icon" aria-label={label} className={cn(sizes[size], className)} {...props} />
    </Tooltip>
  );
}
