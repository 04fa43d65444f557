/** An int8 vector and the scale that maps it back: `value[i] ≈ data[i] * scale`. */
export interface Quantized {
  readonly data: Int8Array;
  readonly scale: number;
}

/**
 * Quantises a vector symmetrically to int8 (one scale per vector, the largest magnitude maps to
 * 127). A 384-dimension embedding takes 384 bytes plus the scale instead of 1536.
 * @example const q = quantize(new Float32Array([0.5, -1])); // { data: [64, -127], scale: 1/127 }
 */
export function quantize(vector: ArrayLike<number>): Quantized {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i]!));
  const data = new Int8Array(vector.length);
  if (max === 0) return { data, scale: 0 };
  const inv = 127 / max;
  for (let i = 0; i < vector.length; i++) data[i] = Math.round(vector[i]! * inv);
  return { data, scale: max / 127 };
}

export function dequantize(q: Quantized): Float32Array {
  const out = new Float32Array(q.data.length);
  for (let i = 0; i < out.length; i++) out[i] = q.data[i]! * q.scale;
  return out;
}

/** Scales a vector to unit length (cosine similarity becomes a dot product). */
export function normalize(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum) || 1;
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}
