import type { Entity } from '../../memory/schema.ts';

interface EntitySelectProps {
  readonly label: string;
  /** The option meaning "none chosen" (value ''). */
  readonly empty: string;
  readonly entities: readonly Entity[];
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly required?: boolean;
}

/** A choice among the workspace's entities, by name; the value is the entity's id. */
export function EntitySelect({
  label,
  empty,
  entities,
  value,
  onChange,
  required,
}: EntitySelectProps) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required={required}
    >
      <option value="">{empty}</option>
      {entities.map((e) => (
        <option key={e.id} value={e.id}>
          {e.name}
        </option>
      ))}
    </select>
  );
}
