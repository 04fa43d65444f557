import type { Flow } from '../../flow/index.ts';
import { emptyFlow } from '../editor/ops.ts';

const DEFAULT_FLOW_NAME = 'Untitled playbook';

/** A new flow (blank, or a copy of `from`) with an id of its own. */
export function freshFlow(from?: Flow, name?: string): Flow {
  const id = `flow-${crypto.randomUUID()}`;
  const base = from ?? emptyFlow(id, DEFAULT_FLOW_NAME);
  return { ...base, id, name: name ?? base.name };
}
