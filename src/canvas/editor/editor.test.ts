import { describe, expect, it } from 'vitest';
import { createEditor } from './editor.ts';
import { addNode, emptyFlow } from './ops.ts';

describe('the editor store', () => {
  it('forgets the selection of nodes that undo takes away, and keeps the rest', () => {
    const { store, actions } = createEditor(emptyFlow('f', 'F'));
    actions.edit((f) => addNode(f, 'start', { x: 0, y: 0 }).flow);
    actions.seal();
    actions.edit((f) => addNode(f, 'agent', { x: 300, y: 0 }).flow);
    actions.select({ nodes: new Set(['start-1', 'agent-1']), edges: new Set() });
    actions.undo();
    expect([...store.get().selection.nodes]).toEqual(['start-1']);
    actions.redo();
    expect([...store.get().selection.nodes]).toEqual(['start-1']);
  });
});
