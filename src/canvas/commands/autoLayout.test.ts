import { describe, expect, it, vi } from 'vitest';
import { createEditor } from '../editor/editor.ts';
import { addEdge, addNode, edgeId, emptyFlow, moveNodes } from '../editor/ops.ts';
import { autoLayout } from './autoLayout.ts';

vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0));

/** Three nodes wired right to left, all on one spot. */
function tangled() {
  let flow = emptyFlow('f', 'F');
  for (const kind of ['output', 'transform', 'start'] as const)
    flow = addNode(flow, kind, { x: 0, y: 0 }).flow;
  for (const [source, target] of [
    ['start-1', 'transform-1'],
    ['transform-1', 'output-1'],
  ] as const) {
    const edge = { source, sourceHandle: 'out', target, targetHandle: 'in' };
    flow = addEdge(flow, { id: edgeId(edge), ...edge });
  }
  return flow;
}

const xOf = (flow: ReturnType<typeof tangled>, id: string) =>
  flow.nodes.find((n) => n.id === id)?.position.x ?? NaN;

describe('autoLayout', () => {
  it('moves the nodes in one undoable step and fits the view', async () => {
    const { store, actions } = createEditor(tangled());
    const fitView = vi.fn(() => Promise.resolve(true));
    const pending = autoLayout({ store, actions, fitView });
    expect(store.get().working).toBeDefined();
    await pending;
    const laid = store.get().history.present;
    expect(xOf(laid, 'start-1')).toBeLessThan(xOf(laid, 'transform-1'));
    expect(xOf(laid, 'transform-1')).toBeLessThan(xOf(laid, 'output-1'));
    expect(store.get().working).toBeUndefined();
    await vi.waitFor(() => expect(fitView).toHaveBeenCalled());

    actions.undo();
    expect(store.get().history.present).toEqual(tangled());
  });

  it('drops the result when the document changed while ELK was working', async () => {
    const { store, actions } = createEditor(tangled());
    const pending = autoLayout({ store, actions, fitView: () => Promise.resolve(true) });
    actions.edit((f) => moveNodes(f, new Map([['start-1', { x: 5, y: 5 }]])));
    const edited = store.get().history.present;
    await pending;
    expect(store.get().history.present).toBe(edited);
    expect(store.get().notice?.text).toMatch(/changed while/);
    expect(store.get().working).toBeUndefined();
  });

  it('does nothing on a read-only flow', async () => {
    const { store, actions } = createEditor(emptyFlow('f', 'F'));
    actions.load(tangled(), { readOnly: true });
    const before = store.get().history.present;
    await autoLayout({ store, actions, fitView: () => Promise.resolve(true) });
    expect(store.get().history.present).toBe(before);
    expect(store.get().history.past).toHaveLength(0);
  });
});
