/** Bottom panel: runs of the current flow and their events. */
export function RunPanel() {
  return (
    <section className="panel run-panel" aria-label="Run panel">
      <h2 className="panel-title">Runs</h2>
      <p className="panel-empty">No runs yet</p>
    </section>
  );
}
