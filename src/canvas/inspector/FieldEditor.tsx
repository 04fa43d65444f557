import { FieldErrors } from './FieldErrors.tsx';
import { inputId, useFieldErrors, useForm } from './formContext.ts';
import type { Path } from './paths.ts';
import { blankValue, humanize, singular } from './schemaForm.ts';
import { blankOption } from './schemaForm.ts';
import type { FieldSpec, FormField, VariantOption } from './schemaForm.ts';
import { FlowPicker } from './FlowPicker.tsx';
import { ScalarField } from './ScalarField.tsx';

interface FieldEditorProps {
  readonly label: string;
  readonly spec: FieldSpec;
  readonly path: Path;
  readonly value: unknown;
  readonly optional: boolean;
  readonly bare?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The top-level fields of one form, each edited at its own key of `values`. */
export function FormFields({
  fields,
  values,
}: {
  fields: readonly FormField[];
  values: Readonly<Record<string, unknown>>;
}) {
  return fields.map((f) => (
    <FieldEditor
      key={f.key}
      label={f.label}
      spec={f.spec}
      path={[f.key]}
      value={values[f.key]}
      optional={f.optional}
    />
  ));
}

/** Edits any value the schema describes; lists, objects and records recurse into their parts. */
function FieldEditor(props: FieldEditorProps) {
  switch (props.spec.kind) {
    case 'list':
      return <ListField {...props} item={props.spec.item} />;
    case 'object':
      return <ObjectField {...props} fields={props.spec.fields} />;
    case 'record':
      return <RecordField {...props} valueSpec={props.spec.value} />;
    case 'variant':
      return (
        <VariantField
          {...props}
          discriminator={props.spec.discriminator}
          options={props.spec.options}
        />
      );
    case 'flow':
      return <FlowField {...props} />;
    default:
      return <ScalarField {...props} spec={props.spec} />;
  }
}

/** A saved flow's id, picked from the saved flows the form was given. */
function FlowField({ label, path, value }: FieldEditorProps) {
  const { flows } = useForm();
  return flows ? (
    <FlowPicker label={label} path={path} value={value} session={flows} />
  ) : (
    <ScalarField
      label={label}
      spec={{ kind: 'text', multiline: false }}
      path={path}
      value={value}
      optional={false}
    />
  );
}

function Group({
  label,
  path,
  children,
  actions,
}: {
  label: string;
  path: Path;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  const form = useForm();
  const errors = useFieldErrors(path);
  const errorId = `${inputId(form.idPrefix, path)}-errors`;
  return (
    <fieldset className="field-group" aria-describedby={errors.length > 0 ? errorId : undefined}>
      <legend className="field-label">{label}</legend>
      {children}
      <FieldErrors id={errorId} messages={errors} />
      {actions && <div className="field-actions">{actions}</div>}
    </fieldset>
  );
}

function ObjectField({
  label,
  path,
  value,
  optional,
  fields,
}: FieldEditorProps & { fields: readonly FormField[] }) {
  const form = useForm();
  if (!isRecord(value)) {
    return (
      <Group label={label} path={path}>
        <button
          type="button"
          className="button-small"
          disabled={form.readOnly}
          onClick={() => form.change(path, blankValue({ kind: 'object', fields }, '', 0))}
        >
          Add {label.toLowerCase()}
        </button>
      </Group>
    );
  }
  return (
    <Group
      label={label}
      path={path}
      actions={
        optional && (
          <button
            type="button"
            className="button-small"
            disabled={form.readOnly}
            onClick={() => form.change(path, undefined)}
          >
            Remove {label.toLowerCase()}
          </button>
        )
      }
    >
      {fields.map((f) => (
        <FieldEditor
          key={f.key}
          label={f.label}
          spec={f.spec}
          path={[...path, f.key]}
          value={value[f.key]}
          optional={f.optional}
        />
      ))}
    </Group>
  );
}

function ListField({ label, path, value, item }: FieldEditorProps & { item: FieldSpec }) {
  const form = useForm();
  const items: readonly unknown[] = Array.isArray(value) ? value : [];
  const one = singular(label);
  const remove = (index: number) =>
    form.change(
      path,
      items.filter((_, i) => i !== index),
    );
  return (
    <Group
      label={label}
      path={path}
      actions={
        <button
          type="button"
          className="button-small"
          disabled={form.readOnly}
          onClick={() =>
            form.change(path, [...items, blankValue(item, one.toLowerCase(), items.length)])
          }
        >
          Add {one.toLowerCase()}
        </button>
      }
    >
      {items.length === 0 && <p className="field-empty">None yet.</p>}
      {items.map((entry, index) => (
        <div key={index} className={`list-item list-item-${item.kind}`}>
          <FieldEditor
            label={`${one} ${index + 1}`}
            spec={item}
            path={[...path, index]}
            value={entry}
            optional={false}
            bare={item.kind !== 'object' && item.kind !== 'variant'}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${one.toLowerCase()} ${index + 1}`}
            disabled={form.readOnly}
            onClick={() => remove(index)}
          >
            ×
          </button>
        </div>
      ))}
    </Group>
  );
}

function RecordField({
  label,
  path,
  value,
  valueSpec,
}: FieldEditorProps & { valueSpec: FieldSpec }) {
  const form = useForm();
  const entries = Object.entries(isRecord(value) ? value : {});
  const rename = (index: number, key: string) =>
    form.change(
      path,
      Object.fromEntries(entries.map(([k, v], i) => (i === index ? [key, v] : [k, v]))),
    );
  const add = () => {
    let n = entries.length + 1;
    while (entries.some(([k]) => k === `field${n}`)) n++;
    form.change(
      path,
      Object.fromEntries([...entries, [`field${n}`, blankValue(valueSpec, '', n)]]),
    );
  };
  return (
    <Group
      label={label}
      path={path}
      actions={
        <button type="button" className="button-small" disabled={form.readOnly} onClick={add}>
          Add entry
        </button>
      }
    >
      {entries.length === 0 && <p className="field-empty">None yet.</p>}
      {entries.map(([key, entry], index) => (
        <div key={index} className="record-entry">
          <input
            type="text"
            className="record-key"
            aria-label={`${label}: name of entry ${index + 1}`}
            value={key}
            disabled={form.readOnly}
            onChange={(e) => rename(index, e.target.value)}
          />
          <FieldEditor
            label={humanize(key) || `Entry ${index + 1}`}
            spec={valueSpec}
            path={[...path, key]}
            value={entry}
            optional={false}
            bare
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove ${key}`}
            disabled={form.readOnly}
            onClick={() =>
              form.change(path, Object.fromEntries(entries.filter((_, i) => i !== index)))
            }
          >
            ×
          </button>
        </div>
      ))}
    </Group>
  );
}

/**
 * One of several shapes told apart by a tag (a trigger's `type`): a choice of the tag, then the
 * fields of the chosen shape. Choosing another tag starts that shape afresh, since the fields of
 * one shape are errors in another.
 */
function VariantField({
  label,
  path,
  value,
  discriminator,
  options,
}: FieldEditorProps & { discriminator: string; options: readonly VariantOption[] }) {
  const form = useForm();
  const current = isRecord(value) ? value : {};
  const chosen = options.find((o) => o.value === current[discriminator]);
  const id = inputId(form.idPrefix, [...path, discriminator]);
  return (
    <Group label={label} path={path}>
      <div className="field field-enum">
        <label className="field-label" htmlFor={id}>
          {humanize(discriminator)}
        </label>
        <select
          id={id}
          value={chosen?.value ?? ''}
          disabled={form.readOnly}
          onChange={(e) => {
            const next = options.find((o) => o.value === e.target.value);
            if (next) form.change(path, blankOption(discriminator, next, 0));
          }}
        >
          {!chosen && <option value="">Choose…</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {humanize(o.value)}
            </option>
          ))}
        </select>
      </div>
      {chosen?.fields.map((f) => (
        <FieldEditor
          key={f.key}
          label={f.label}
          spec={f.spec}
          path={[...path, f.key]}
          value={current[f.key]}
          optional={f.optional}
        />
      ))}
    </Group>
  );
}
