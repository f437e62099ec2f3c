"use client";

import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";
import { Toaster } from "./toaster";
import { TooltipProvider } from "./tooltip";

// next-themes' script runs from the server's HTML. Where the client renders the provider itself (a
// page that calls notFound() after the shell streamed), React 19 logs "Encountered a script tag";
// a data-block type there is inert and not warned about (the server's copy keeps its real type).
const themeScriptProps = { type: typeof window === "undefined" ? "text/javascript" : "application/json" };

/** Theme (class on <html>, following the system until the user picks), tooltips and toasts for every page. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange scriptProps={themeScriptProps}>
      <TooltipProvider delayDuration={300}>
        {children}
        <Toaster />
      </TooltipProvider>
    </ThemeProvider>
  );
}
