import { createContext, useContext } from 'react';
import type { FlowSession } from '../files/session.ts';
import type { Path } from './paths.ts';
import { pathKey } from './paths.ts';

export interface FormContextValue {
  /** Prefix of input ids, unique per node, so labels point at the right input. */
  readonly idPrefix: string;
  /** Messages from the zod parse of the whole config, by path. */
  readonly errors: ReadonlyMap<string, readonly string[]>;
  readonly readOnly: boolean;
  /** Capability ids to offer where a capability is named. */
  readonly capabilities: readonly string[];
  /** The saved flows to choose from where a flow is named, and where to open one. */
  readonly flows?: Pick<FlowSession, 'state' | 'open'>;
  change(path: Path, value: unknown): void;
  /** The editor's undo and redo, for fields that take Mod+Z themselves (the code editor). */
  readonly undo: () => void;
  readonly redo: () => void;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('fields must be rendered inside <FormContext.Provider>');
  return value;
}

export const inputId = (prefix: string, path: Path) =>
  `${prefix}-${pathKey(path).replace(/\W/g, '-')}`;

/** The messages for exactly this path. */
export function useFieldErrors(path: Path): readonly string[] {
  return useForm().errors.get(pathKey(path)) ?? [];
}

/** zod issues as the form reads them: messages keyed by the path they are about. */
export function errorsByPath(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  for (const found of issues) {
    const key = pathKey(found.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
    errors.set(key, [...(errors.get(key) ?? []), found.message]);
  }
  return errors;
}
