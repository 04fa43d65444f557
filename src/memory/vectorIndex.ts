import { quantize, type Quantized } from './quantize.ts';
import { simdDot, type DotFn } from './simdDot.ts';

interface VectorHit {
  readonly id: string;
  /** Cosine similarity (vectors are unit length), about -1..1. */
  readonly score: number;
}

const PAGE = 65_536;
// WebAssembly memory layout: the query, then int32 dot products for one chunk of rows, then rows.
const QUERY_AT = 0;
const OUT_AT = 4096;
const DATA_AT = PAGE;
const CHUNK_ROWS = (DATA_AT - OUT_AT) / 4;

/**
 * Int8 vectors in one contiguous block of WebAssembly memory, searched exactly by brute force:
 * the query is quantised too and a small SIMD module computes the integer dot products (plain
 * JavaScript where SIMD is missing). Exact, nothing to tune or rebuild, and fast enough for 100k
 * rows (see `npm run bench -- --only memory`).
 * @example
 * const index = new VectorIndex(384);
 * index.set('m1', quantize(embedding));
 * index.search(queryEmbedding, 10, (id) => id !== 'skip-me');
 */
export class VectorIndex {
  /** Row length in bytes: dims rounded up to 16 for the SIMD lanes, zero-padded. */
  private readonly stride: number;
  private readonly memory: WebAssembly.Memory;
  private readonly dot: DotFn | null;
  private bytes: Int8Array;
  private scales: Float32Array;
  private readonly ids: string[] = [];
  private readonly rows = new Map<string, number>();

  constructor(
    readonly dims: number,
    capacity = 1024,
    /** `false` forces the plain JavaScript dot products (tests compare both paths). */
    simd = true,
  ) {
    if (dims > OUT_AT) throw new Error(`at most ${OUT_AT} dimensions, got ${dims}`);
    this.stride = Math.ceil(dims / 16) * 16;
    this.memory = new WebAssembly.Memory({ initial: this.pagesFor(capacity) });
    this.dot = simd ? simdDot(this.memory) : null;
    this.bytes = new Int8Array(this.memory.buffer);
    this.scales = new Float32Array(capacity);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Bytes the index holds per vector (its row and scale), excluding ids. */
  get bytesPerVector(): number {
    return this.stride + Float32Array.BYTES_PER_ELEMENT;
  }

  /** Whether the SIMD module is in use. */
  get accelerated(): boolean {
    return this.dot !== null;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }

  /** Adds or replaces the vector of `id`. */
  set(id: string, vector: Quantized): void {
    if (vector.data.length !== this.dims)
      throw new Error(
        `vector of ${id} has ${vector.data.length} dimensions, the index ${this.dims}`,
      );
    let row = this.rows.get(id);
    if (row === undefined) {
      row = this.ids.length;
      this.grow(row + 1);
      this.ids.push(id);
      this.rows.set(id, row);
    }
    this.bytes.set(vector.data, DATA_AT + row * this.stride);
    this.scales[row] = vector.scale;
  }

  /** Removes `id`, moving the last row into its place. */
  delete(id: string): void {
    const row = this.rows.get(id);
    if (row === undefined) return;
    const last = this.ids.length - 1;
    if (row !== last) {
      const lastId = this.ids[last]!;
      const from = DATA_AT + last * this.stride;
      this.bytes.copyWithin(DATA_AT + row * this.stride, from, from + this.stride);
      this.scales[row] = this.scales[last]!;
      this.ids[row] = lastId;
      this.rows.set(lastId, row);
    }
    this.ids.pop();
    this.rows.delete(id);
  }

  clear(): void {
    this.ids.length = 0;
    this.rows.clear();
  }

  /** Cosine similarity of `id`'s vector with `query` (unit length), or `undefined` without one. */
  similarity(id: string, query: ArrayLike<number>): number | undefined {
    const row = this.rows.get(id);
    if (row === undefined) return undefined;
    const base = DATA_AT + row * this.stride;
    let dot = 0;
    for (let i = 0; i < this.dims; i++) dot += query[i]! * this.bytes[base + i]!;
    return dot * this.scales[row]!;
  }

  /** The `k` rows most similar to `query` (unit length) among those `accept` lets through. */
  search(query: ArrayLike<number>, k: number, accept?: (id: string) => boolean): VectorHit[] {
    if (query.length !== this.dims)
      throw new Error(`query has ${query.length} dimensions, the index ${this.dims}`);
    const q = quantize(query);
    const { bytes, stride, scales, ids } = this;
    bytes.fill(0, QUERY_AT, QUERY_AT + stride);
    bytes.set(q.data, QUERY_AT);
    const out = new Int32Array(this.memory.buffer, OUT_AT, CHUNK_ROWS);
    // A sorted list of the best k: cheaper than a heap for the small k recall uses.
    const bestScore: number[] = [];
    const bestRow: number[] = [];
    let floor = -Infinity;
    for (let start = 0; start < ids.length; start += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, ids.length - start);
      this.dots(start, count, out);
      for (let j = 0; j < count; j++) {
        const row = start + j;
        const score = out[j]! * scales[row]!;
        if (bestScore.length >= k && score <= floor) continue;
        if (accept && !accept(ids[row]!)) continue;
        let at = bestScore.length;
        while (at > 0 && bestScore[at - 1]! < score) at--;
        bestScore.splice(at, 0, score);
        bestRow.splice(at, 0, row);
        if (bestScore.length > k) {
          bestScore.pop();
          bestRow.pop();
        }
        if (bestScore.length >= k) floor = bestScore[bestScore.length - 1]!;
      }
    }
    return bestRow.map((row, i) => ({ id: ids[row]!, score: bestScore[i]! * q.scale }));
  }

  /** Integer dot products of the query with `count` rows from `start` into `out`. */
  private dots(start: number, count: number, out: Int32Array): void {
    const { stride, bytes } = this;
    if (this.dot) {
      this.dot(QUERY_AT, DATA_AT + start * stride, count, stride, OUT_AT);
      return;
    }
    for (let j = 0, base = DATA_AT + start * stride; j < count; j++, base += stride) {
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < stride; i += 2) {
        s0 += bytes[QUERY_AT + i]! * bytes[base + i]!;
        s1 += bytes[QUERY_AT + i + 1]! * bytes[base + i + 1]!;
      }
      out[j] = s0 + s1;
    }
  }

  private pagesFor(rows: number): number {
    return Math.ceil((DATA_AT + rows * this.stride) / PAGE);
  }

  private grow(rows: number): void {
    if (rows > this.scales.length) {
      const scales = new Float32Array(Math.max(rows, this.scales.length * 2));
      scales.set(this.scales);
      this.scales = scales;
    }
    const have = this.memory.buffer.byteLength / PAGE;
    const need = this.pagesFor(this.scales.length);
    if (need > have) {
      this.memory.grow(need - have);
      this.bytes = new Int8Array(this.memory.buffer);
    }
  }
}
