/** Order statistics for benchmark samples (milliseconds). */
export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export const median = (samples: number[]) => percentile(samples, 0.5);
export const format = (ms: number) => `${ms.toFixed(3).padStart(8)} ms`;
