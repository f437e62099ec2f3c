export const primaryButton =
  "inline-flex items-center justify-center rounded-md bg-accent px-4 py-2 font-medium text-accent-foreground " +
  "hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-70";

export const secondaryButton =
  "inline-flex items-center justify-center rounded-md border border-border px-3 py-1.5 text-sm font-medium " + "hover:bg-surface";
