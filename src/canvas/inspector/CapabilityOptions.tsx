/** The capability ids a form offers where a capability is named (ScalarField points at it). */
export function CapabilityOptions({ id, ids }: { id: string; ids: readonly string[] }) {
  return (
    <datalist id={id}>
      {ids.map((c) => (
        <option key={c} value={c} />
      ))}
    </datalist>
  );
}
