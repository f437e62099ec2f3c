/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
}

export function summarize(values: number[]): Summary {
  return { n: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Pause before each timed call. A sandbox command leaves work behind after its answer (its
 * bubblewrap namespaces are torn down by the kernel); without a pause that work lands on
 * whichever call comes next, and the two sides of a comparison would not start alike.
 */
export const settleMs = 25;

/** Runs `a` and `b` alternately, `runs` times each, the one going first swapping every round. */
export async function interleaved(runs: number, a: () => Promise<void>, b: () => Promise<void>): Promise<{ a: number[]; b: number[] }> {
  const times = { a: [] as number[], b: [] as number[] };
  const timed = async (fn: () => Promise<void>, into: number[]) => {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await timed(a, times.a);
      await timed(b, times.b);
    } else {
      await timed(b, times.b);
      await timed(a, times.a);
    }
  }
  return times;
}

/** Like `interleaved` for any number of sides: each round runs all of them, the order rotating. */
export async function rotated(runs: number, fns: (() => Promise<void>)[]): Promise<number[][]> {
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fns.length; k++) {
      const which = (i + k) % fns.length;
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const started = performance.now();
      await fns[which]!();
      times[which]!.push(performance.now() - started);
    }
  }
  return times;
}
