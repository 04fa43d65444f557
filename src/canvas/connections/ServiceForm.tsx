import { useId, useState } from 'react';
import { z } from 'zod';
import { engine } from '../run/engine.ts';
import { SecretPicker } from '../secrets/SecretPicker.tsx';
import { issuesAt, type DraftIssue } from './draft.ts';
import { FieldIssue } from './FieldIssue.tsx';
import type { ServiceDescriptor } from './services.ts';
import { TestConnection, type Tested } from './TestConnection.tsx';

export type ConnectionValue = Readonly<Record<string, string>>;

/** One service's connection, drawn from its descriptor's zod schema, with its test call. */
export function ServiceForm(props: {
  service: ServiceDescriptor;
  value: ConnectionValue | undefined;
  issues: readonly DraftIssue[];
  onChange: (value: ConnectionValue | undefined) => void;
}) {
  const { service, value, onChange } = props;
  const id = useId();
  const [tested, setTested] = useState<Tested>({ state: 'idle' });
  const fields = Object.entries(service.fields.shape);
  const at = (key: string) => issuesAt(props.issues, `connections.${service.id}.${key}`);
  const set = (key: string, text: string | undefined) => {
    const { [key]: _old, ...rest } = value ?? {};
    const next = text ? { ...rest, [key]: text } : rest;
    onChange(Object.keys(next).length ? next : undefined);
  };
  const test = async () => {
    const checked = service.fields.safeParse(value ?? {});
    if (!checked.success) {
      const first = checked.error.issues[0];
      const key = String(first?.path[0] ?? '');
      return setTested({
        state: 'failed',
        text: `${service.looks[key]?.label ?? key}: ${first?.message ?? 'invalid'}`,
      });
    }
    const parsed = z
      .object({ baseUrl: z.string().optional(), secret: z.string().optional() })
      .parse(checked.data);
    setTested({ state: 'testing' });
    const result = await engine().api.testConnection({
      service: service.id,
      ...(parsed.baseUrl ? { baseUrl: parsed.baseUrl } : {}),
      ...(parsed.secret ? { secret: parsed.secret } : {}),
      path: service.test?.path ?? '',
    });
    setTested(
      result.ok
        ? {
            state: 'ok',
            text: `Reached ${service.title} with ${service.test?.what ?? 'a GET'}: it answered ${result.value.status} in ${Math.round(result.value.ms)} ms, and did not refuse the key.`,
          }
        : { state: 'failed', text: result.error.message },
    );
  };
  return (
    <form
      className="conn-form"
      aria-label={`Service ${service.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        void test();
      }}
    >
      <p className="conn-hint">
        {service.description}
        {service.docs && (
          <>
            {' '}
            <a href={service.docs} target="_blank" rel="noreferrer">
              API reference
            </a>
          </>
        )}
      </p>
      {service.runsIn === 'server' && (
        <p className="conn-note">
          This service refuses calls from a web page: it runs on the workspace server.
        </p>
      )}
      {fields.map(([key]) => {
        const look = service.looks[key] ?? { label: key };
        if (look.hidden && value?.[key] === undefined) return null;
        const problems = at(key);
        const fieldId = `${id}-${key}`;
        return (
          <div className="conn-field" key={key}>
            <label htmlFor={fieldId}>{look.label}</label>
            {look.secret ? (
              <SecretPicker
                id={fieldId}
                value={value?.[key]}
                invalid={problems.length > 0}
                onChange={(name) => set(key, name)}
              />
            ) : (
              <input
                id={fieldId}
                value={value?.[key] ?? ''}
                placeholder={look.placeholder}
                aria-invalid={problems.length > 0 || undefined}
                onChange={(e) => set(key, e.target.value)}
              />
            )}
            {look.hint && <small className="conn-hint">{look.hint}</small>}
            <FieldIssue label={look.label} issues={problems} />
          </div>
        );
      })}
      {service.test && <TestConnection tested={tested} disabled={!value} />}
      {value && (
        <div className="conn-danger">
          <button
            type="button"
            className="button-small button-danger"
            onClick={() => onChange(undefined)}
          >
            Remove connection {service.id}
          </button>
        </div>
      )}
    </form>
  );
}
