import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names, skipping the falsy ones; of two Tailwind classes for the same property, the later one wins (a caller's `className`). */
export const cn = (...values: ClassValue[]) => twMerge(clsx(values));
