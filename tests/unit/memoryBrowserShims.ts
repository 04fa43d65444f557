// dexie-export-import expects a browser: a global `self` and `FileReader` (Node has `Blob`).
const g = globalThis as unknown as Record<string, unknown>;
g['self'] ??= globalThis;
g['FileReader'] ??= class {
  result: ArrayBuffer | null = null;
  onload: ((ev: { target: { result: ArrayBuffer } }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onabort: ((ev: unknown) => void) | null = null;
  readAsArrayBuffer(blob: Blob) {
    void blob.arrayBuffer().then((buffer) => {
      this.result = buffer;
      this.onload?.({ target: { result: buffer } });
    }, this.onerror);
  }
};
