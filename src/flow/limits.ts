/**
 * Hard limits for untrusted flow documents. They are far above what a person draws by hand and
 * low enough that a hostile file cannot make the importer or the canvas unresponsive.
 */
export const limits = {
  /** Bytes of JSON text accepted by `importFlowText`. */
  textBytes: 10 * 1024 * 1024,
  nodes: 5_000,
  edges: 20_000,
  /** Characters in any one string (prompts and templates included). */
  stringLength: 100_000,
  /** Nesting depth of objects and arrays. */
  depth: 64,
} as const;
