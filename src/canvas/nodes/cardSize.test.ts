import { getViewportForBounds } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { chain } from '../../../tests/unit/build.ts';
import { fittedView } from '../commands/fitView.ts';
import { NO_SELECTION } from '../editor/editor.ts';
import { toCardNodes } from '../editor/reactFlow.ts';
import { cardGuess } from './cardSize.ts';

describe("a card's size before it is drawn", () => {
  const flow = chain(1);
  const [start, transform, output] = flow.nodes;

  it('is what Chromium lays out: a row per port, handles on the sides', () => {
    // Measured in the app: start and output have one port, a transform one input and two outputs.
    expect(cardGuess(start!).size).toEqual({ width: 210, height: 98 });
    expect(cardGuess(output!).size).toEqual({ width: 210, height: 98 });
    const guess = cardGuess(transform!);
    expect(guess.size).toEqual({ width: 210, height: 118 });
    expect(guess.handles.map((h) => [h.id, h.type, h.x, h.y])).toEqual([
      ['in', 'target', -5.5, 79.2],
      ['out', 'source', 204.5, 79.2],
      ['error', 'source', 204.5, 99.1],
    ]);
  });

  it('is handed to React Flow as measured until the card is, and the cards stay cached', () => {
    const measured = new Map([[start!.id, { width: 210, height: 101 }]]);
    const cards = toCardNodes(flow.nodes, NO_SELECTION, measured, true);
    expect(cards[0]).toMatchObject({ measured: { width: 210, height: 101 } });
    expect(cards[0]?.handles).toBeUndefined();
    expect(cards[1]).toMatchObject({ measured: cardGuess(transform!).size });
    expect(cards[1]?.handles).toHaveLength(3);
    expect(toCardNodes(flow.nodes, NO_SELECTION, measured, true)).toEqual(cards);
    expect(toCardNodes(flow.nodes, NO_SELECTION, measured, true)[1]).toBe(cards[1]);
    // Without guessing (a small flow), React Flow measures every card itself.
    expect(toCardNodes(flow.nodes, NO_SELECTION, measured)[1]?.measured).toBeUndefined();
  });

  it("fits the view as React Flow's fit would, on the guessed sizes", () => {
    const placed = flow.nodes.map((n, i) => ({ ...n, position: { x: i * 260, y: i * 40 } }));
    const bounds = { x: 0, y: 0, width: 2 * 260 + 210, height: 2 * 40 + 98 };
    expect(fittedView(placed, new Map(), { width: 800, height: 600 }, 0.05)).toEqual(
      getViewportForBounds(bounds, 800, 600, 0.05, 1, 0.2),
    );
  });
});
