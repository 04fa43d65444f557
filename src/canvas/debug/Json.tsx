/** A labelled block of JSON; `undefined` reads as a note, not as an empty box. */
export function Json({ label, value, empty }: { label: string; value: unknown; empty: string }) {
  return (
    <section className="json-block" aria-label={label}>
      <h3>{label}</h3>
      {value === undefined ? (
        <p className="panel-empty">{empty}</p>
      ) : (
        <pre>{JSON.stringify(value, null, 2)}</pre>
      )}
    </section>
  );
}
