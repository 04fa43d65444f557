import * as z from 'zod';
import type { Breakpoint } from '../../engine/index.ts';
import { createStore, useStore } from '../editor/store.ts';

const KEY = 'aios.breakpoints.';
const saved = z.array(
  z.strictObject({ node: z.string().min(1), condition: z.string().optional() }),
);

interface BreakpointState {
  readonly flowId: string | null;
  readonly list: readonly Breakpoint[];
}

/**
 * The open flow's breakpoints, one store for the tab: node cards read their own through a narrow
 * selector, the debugger hands the list to runs. Saved per flow in this browser.
 */
export const breakpoints = createStore<BreakpointState>({ flowId: null, list: [] });

function load(flowId: string): readonly Breakpoint[] {
  try {
    const parsed = saved.safeParse(JSON.parse(localStorage.getItem(KEY + flowId) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function save(list: readonly Breakpoint[]): void {
  const { flowId } = breakpoints.get();
  breakpoints.set({ flowId, list });
  if (flowId) localStorage.setItem(KEY + flowId, JSON.stringify(list));
}

/** Switches to another flow's breakpoints. */
export function showFlow(flowId: string | null): void {
  if (breakpoints.get().flowId === flowId) return;
  breakpoints.set({ flowId, list: flowId ? load(flowId) : [] });
}

/** Adds a breakpoint on the node, or removes the one it has. */
export function toggleBreakpoint(node: string): void {
  const { list } = breakpoints.get();
  save(
    list.some((b) => b.node === node) ? list.filter((b) => b.node !== node) : [...list, { node }],
  );
}

/** Makes a breakpoint conditional (a JSONata expression over the node's input); '' clears it. */
export function setCondition(node: string, condition: string): void {
  save(
    breakpoints
      .get()
      .list.map((b) => (b.node === node ? (condition.trim() ? { node, condition } : { node }) : b)),
  );
}

export function useBreakpoint(node: string): Breakpoint | undefined {
  return useStore(breakpoints, (s) => s.list.find((b) => b.node === node));
}

export function useBreakpoints(): readonly Breakpoint[] {
  return useStore(breakpoints, (s) => s.list);
}
