/**
 * Vectors are kept as Int8 with one float scale each: a quarter of Float32's memory (768 dims: 772
 * bytes a chunk instead of 3,072), and cosine ranking barely moves — the rounding error is under 1 %
 * of a component's range, far below the gap between a relevant and an unrelated chunk.
 */
export interface QuantizedVector {
  values: Int8Array;
  /** Multiply a value by this to get the L2-normalised component back. */
  scale: number;
}

/** L2-normalised copy as Float32 (the query side stays unquantised); undefined for a zero or non-finite vector. */
export function normalizeVector(vector: readonly number[]): Float32Array | undefined {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (!Number.isFinite(norm) || norm === 0) return undefined;
  const normalized = new Float32Array(vector.length);
  for (let index = 0; index < vector.length; index++) normalized[index] = (vector[index] ?? 0) / norm;
  return normalized;
}

/** Normalises, then maps the largest component to ±127. */
export function quantizeVector(vector: readonly number[]): QuantizedVector | undefined {
  const normalized = normalizeVector(vector);
  if (!normalized) return undefined;
  let largest = 0;
  for (const value of normalized) largest = Math.max(largest, Math.abs(value));
  const scale = largest / 127;
  const values = new Int8Array(normalized.length);
  for (let index = 0; index < normalized.length; index++) values[index] = Math.round((normalized[index] ?? 0) / scale);
  return { values, scale };
}
