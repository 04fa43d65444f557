/** Right sidebar: settings of the selected node. */
export function Inspector() {
  return (
    <aside className="panel inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      <p className="panel-empty">Select a node to edit it</p>
    </aside>
  );
}
