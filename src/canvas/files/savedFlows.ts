import { createContext, useContext } from 'react';
import type { FlowSummary } from '../../storage/flows.ts';
import type { Store } from '../editor/store.ts';
import type { SessionState } from './session.ts';

/**
 * The flow session's state, for what React Flow renders and so cannot be handed props: node
 * cards read the saved flows' names from it.
 */
export const SavedFlowsContext = createContext<Store<SessionState> | null>(null);

export function useSavedFlows(): Store<SessionState> {
  const value = useContext(SavedFlowsContext);
  if (!value) throw new Error('useSavedFlows must be used inside <SavedFlowsContext.Provider>');
  return value;
}

/**
 * How a list names a saved flow: its name, with the end of its id when another flow of `flows`
 * has the same name.
 */
export function flowLabel(flows: readonly FlowSummary[], flow: FlowSummary): string {
  const shared = flows.some((f) => f.id !== flow.id && f.name === flow.name);
  return shared ? `${flow.name} (…${flow.id.slice(-6)})` : flow.name;
}

/**
 * The label of the saved flow with this id, or `undefined` when none of `flows` has it.
 * @example savedFlowLabel([{ id: 'flow-a1', name: 'Bill', updatedAt: 0 }], 'flow-a1') // 'Bill'
 */
export function savedFlowLabel(flows: readonly FlowSummary[], id: string): string | undefined {
  const flow = flows.find((f) => f.id === id);
  return flow && flowLabel(flows, flow);
}
