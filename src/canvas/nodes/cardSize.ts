import { Position, type NodeHandle } from '@xyflow/react';
import type { FlowNode } from '../../flow/index.ts';
import type { Size } from '../editor/editor.ts';
import { portsOf } from '../editor/ports.ts';

/*
 * A card's box as cards.css lays it out (measured in Chromium): a fixed width, a head and a
 * summary of fixed height (one line each, never wrapped), then a row per port, inputs on the
 * left and outputs on the right. Only a run's badges make a card taller, and those are measured.
 */
const WIDTH = 210;
const NO_PORTS = 71;
const PORTS_PADDING = 7;
const ROW = 20;
const HANDLE = 11;
const FIRST_HANDLE_TOP = 79.2;
const HANDLE_STEP = 19.9;

/** A card as it will be drawn: its size and its handles, relative to its top-left corner. */
interface CardGuess {
  readonly size: Size;
  readonly handles: NodeHandle[];
}

/** By the node's data: its ports follow from its data, and the editor never mutates data. */
const guesses = new WeakMap<object, CardGuess>();

/**
 * The size and handles a node's card will have, before it is drawn: a big flow's cards are
 * measured only once they come on screen, so the others are fitted, culled, drawn in the
 * overview and the minimap, and their edges routed, from this.
 * @example cardGuess(node('t', 'transform')).size // { width: 210, height: 118 }: two outputs
 */
export function cardGuess(node: FlowNode): CardGuess {
  const cached = guesses.get(node.data);
  if (cached) return cached;
  const { inputs, outputs } = portsOf(node.type, node.data);
  const rows = Math.max(inputs.length, outputs.length);
  const handle = (id: string, type: 'source' | 'target', row: number): NodeHandle => ({
    id,
    type,
    position: type === 'target' ? Position.Left : Position.Right,
    x: type === 'target' ? -HANDLE / 2 : WIDTH - HANDLE / 2,
    y: FIRST_HANDLE_TOP + row * HANDLE_STEP,
    width: HANDLE,
    height: HANDLE,
  });
  const guess = {
    size: {
      width: WIDTH,
      height: rows === 0 ? NO_PORTS : NO_PORTS + PORTS_PADDING + rows * ROW,
    },
    handles: [
      ...inputs.map((p, i) => handle(p.id, 'target', i)),
      ...outputs.map((p, i) => handle(p.id, 'source', i)),
    ],
  };
  guesses.set(node.data, guess);
  return guess;
}

/** The card's size: as React Flow measured it, else as it will be. */
export function cardSize(node: FlowNode, measured: ReadonlyMap<string, Size>): Size {
  return measured.get(node.id) ?? cardGuess(node).size;
}
