/** Shown over an empty canvas to say how to start. */
export function EmptyCanvasHint() {
  return (
    <div className="canvas-empty">
      <p className="canvas-empty-title">This playbook is empty</p>
      <p className="canvas-empty-hint">
        Drag a node from the palette onto the canvas, or press <kbd>/</kbd> to add one.
      </p>
    </div>
  );
}
