"use client";

import { AlertDialog as RadixAlertDialog } from "radix-ui";
import type { ReactNode } from "react";
import { Button } from "./button";
import { overlayClass, panelClass } from "./dialog";

/**
 * A confirmation that says what will happen. `onConfirm` runs when the action is chosen; the dialog
 * closes at once (the caller shows progress and errors where the thing being changed is).
 * `returnFocus` names where focus goes after it closes: opened from state (a menu item, a button
 * that the action hides or removes), Radix has nothing left to give it back to, and it lands on <body>.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  destructive = true,
  returnFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  destructive?: boolean;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  return (
    <RadixAlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixAlertDialog.Portal>
        <RadixAlertDialog.Overlay className={overlayClass} />
        <RadixAlertDialog.Content
          className={panelClass}
          onCloseAutoFocus={(event) => {
            if (!returnFocus) return;
            event.preventDefault();
            // After the action's own render (a row removed, a button hidden) has landed.
            requestAnimationFrame(() => returnFocus()?.focus());
          }}
        >
          <RadixAlertDialog.Title className="text-lg font-semibold">{title}</RadixAlertDialog.Title>
          <RadixAlertDialog.Description className="text-sm text-muted">{description}</RadixAlertDialog.Description>
          <div className="flex flex-wrap justify-end gap-2">
            <RadixAlertDialog.Cancel asChild>
              <Button>Cancel</Button>
            </RadixAlertDialog.Cancel>
            <RadixAlertDialog.Action asChild>
              <Button variant={destructive ? "danger" : "primary"} onClick={onConfirm}>
                {confirmLabel}
              </Button>
            </RadixAlertDialog.Action>
          </div>
        </RadixAlertDialog.Content>
      </RadixAlertDialog.Portal>
    </RadixAlertDialog.Root>
  );
}
