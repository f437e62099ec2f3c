import type { ExecResult } from "@/lib/orchestrator/contract";

/** The most of stdout and stderr together that one exec answer carries, counted as encoded JSON. */
export const maxExecOutputBytes = 1024 * 1024;

export const truncationNotice = "\n[output cut: this command wrote more than 1 MiB; redirect it to a file to keep all of it]\n";

export type CappedExecResult = ExecResult & { truncated?: true };

/**
 * Keeps the start of each stream so that both together fit in `maxBytes` once JSON-encoded
 * (a control character takes six bytes there), and says so with `truncated: true` and a notice.
 * A stream that needs less than half leaves the rest to the other.
 */
export function capExecOutput(result: ExecResult, maxBytes = maxExecOutputBytes): CappedExecResult {
  const stdoutCost = encodedCost(result.stdout);
  const stderrCost = encodedCost(result.stderr);
  if (stdoutCost + stderrCost <= maxBytes) return result;
  const budget = maxBytes - 2 * encodedCost(truncationNotice);
  const half = Math.floor(budget / 2);
  const stdoutBudget = stderrCost < half ? budget - stderrCost : Math.max(half, budget - stderrCost);
  const stderrBudget = budget - Math.min(stdoutCost, stdoutBudget);
  return {
    ...result,
    stdout: cut(result.stdout, stdoutCost, stdoutBudget),
    stderr: cut(result.stderr, stderrCost, stderrBudget),
    truncated: true,
  };
}

function cut(text: string, cost: number, budget: number): string {
  if (cost <= budget) return text;
  return text.slice(0, prefixLength(text, budget)) + truncationNotice;
}

/** Bytes `text` adds inside a JSON string, as JSON.stringify writes it and UTF-8 encodes it. */
export function encodedCost(text: string): number {
  return prefixCost(text, text.length).cost;
}

function prefixLength(text: string, budget: number): number {
  return prefixCost(text, text.length, budget).length;
}

function prefixCost(text: string, end: number, budget = Infinity): { cost: number; length: number } {
  let cost = 0;
  let i = 0;
  while (i < end) {
    const code = text.charCodeAt(i);
    let units = 1;
    let step: number;
    if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) step = 2;
    else if (code < 0x20) step = 6;
    else if (code < 0x80) step = 1;
    else if (code < 0x800) step = 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
      step = 4;
      units = 2;
    } else if (code >= 0xd800 && code <= 0xdfff) step = 6;
    else step = 3;
    if (cost + step > budget) break;
    cost += step;
    i += units;
  }
  return { cost, length: i };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
