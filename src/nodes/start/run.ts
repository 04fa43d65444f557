import type { Field } from '../../flow/index.ts';
import { NodeError } from '../../engine/contract/index.ts';
import type { KindExecutor } from '../kind.ts';
import type { start } from './schema.ts';

const typeOf = (value: unknown): Field['type'] | 'null' =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'list'
      : typeof value === 'string'
        ? 'text'
        : typeof value === 'object'
          ? 'object'
          : (typeof value as Field['type']);

/** Checks the run's input against the declared fields and hands it on. */
export const runStart: KindExecutor<typeof start> = ({ scope, node }) => {
  const input = scope.run.input ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    return Promise.reject(
      new NodeError(
        'bad-input',
        `the run's input must be an object with ${node.data.inputs.map((f) => f.name).join(', ') || 'fields'}`,
      ),
    );
  }
  const record = input as Record<string, unknown>;
  for (const field of node.data.inputs) {
    const value = record[field.name];
    if (value === undefined || value === '') {
      if (field.required)
        return Promise.reject(
          new NodeError('bad-input', `the run needs "${field.name}"`, {
            path: `input.${field.name}`,
          }),
        );
      continue;
    }
    if (typeOf(value) !== field.type) {
      return Promise.reject(
        new NodeError(
          'bad-input',
          `"${field.name}" should be ${field.type}, not ${typeOf(value)}`,
          { path: `input.${field.name}` },
        ),
      );
    }
  }
  return Promise.resolve({ output: input });
};
