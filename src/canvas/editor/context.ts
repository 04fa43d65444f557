import { createContext, useContext } from 'react';
import type { FlowIssue } from '../../flow/index.ts';
import type { EditorActions, EditorState, EditorStore } from './editor.ts';
import type { IssuesByNode } from './issues.ts';
import { useStore } from './store.ts';
import type { Store } from './store.ts';

export interface EditorContextValue {
  readonly store: EditorStore;
  readonly actions: EditorActions;
  /** Validation issues by node id, kept apart so each card subscribes to its own. */
  readonly issues: Store<IssuesByNode>;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor must be used inside <EditorContext.Provider>');
  return value;
}

export function useEditorState<S>(selector: (state: EditorState) => S): S {
  return useStore(useEditor().store, selector);
}

const NO_ISSUES: readonly FlowIssue[] = [];

export function useNodeIssues(id: string): readonly FlowIssue[] {
  return useStore(useEditor().issues, (byNode) => byNode.get(id) ?? NO_ISSUES);
}
