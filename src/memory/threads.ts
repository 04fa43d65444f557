/**
 * How many threads ONNX Runtime's WASM may use: several need SharedArrayBuffer, so a
 * cross-origin isolated page (the app's server sends COOP and COEP); otherwise one.
 * @example onnxThreads(true, 8) // 4
 */
export function onnxThreads(isolated: boolean, cores: number): number {
  return isolated ? Math.max(1, Math.min(4, cores || 1)) : 1;
}
