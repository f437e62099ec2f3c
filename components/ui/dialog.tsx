"use client";

import { Dialog as RadixDialog } from "radix-ui";
import { X } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export const overlayClass = "fixed inset-0 z-40 bg-black/50 data-[state=open]:animate-in";
export const panelClass =
  "fixed top-1/2 left-1/2 z-50 flex max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col gap-4 " +
  "overflow-y-auto rounded-lg border border-border bg-background p-5 shadow-xl";

/** A modal with a title, an optional description and a close button; Radix traps focus and restores it. */
export function DialogContent({
  title,
  description,
  children,
  className,
  ...props
}: ComponentProps<typeof RadixDialog.Content> & { title: ReactNode; description?: ReactNode }) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className={overlayClass} />
      <RadixDialog.Content className={cn(panelClass, className)} {...(description ? {} : { "aria-describedby": undefined })} {...props}>
        <div className="flex items-start justify-between gap-4">
          <div className="flex flex-col gap-1">
            <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
            {description && <RadixDialog.Description className="text-sm text-muted">{description}</RadixDialog.Description>}
          </div>
          <RadixDialog.Close className="rounded-md p-1 text-muted hover:bg-surface hover:text-foreground" aria-label="Close">
            <X className="size-4" aria-hidden="true" />
          </RadixDialog.Close>
        </div>
        {children}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
