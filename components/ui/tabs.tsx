"use client";

import { Tabs as RadixTabs } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const Tabs = RadixTabs.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof RadixTabs.List>) {
  return <RadixTabs.List className={cn("flex items-end gap-1 border-b border-border", className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof RadixTabs.Trigger>) {
  return (
    <RadixTabs.Trigger
      className={cn(
        "-mb-px inline-flex items-center gap-1.5 border-b-2 border-transparent px-2 py-1.5 text-sm font-medium text-muted sm:px-3",
        "hover:text-foreground data-[state=active]:border-accent data-[state=active]:text-foreground [&_svg]:size-4",
        // On a phone the words alone, so every view's tab fits on one line.
        "max-sm:[&_svg]:hidden",
        className,
      )}
      {...props}
    />
  );
}

export const TabsContent = RadixTabs.Content;
