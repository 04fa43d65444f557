import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import type { XY } from '../editor/ops.ts';

/** Where the canvas is drawn: the pane and the cards on it, not the controls or minimap. */
const ON_CANVAS = '.react-flow__pane, .react-flow__node, .react-flow__edge';

/**
 * The last point (in screen coordinates) the pointer rested on the canvas, or `undefined` once it
 * left for the palette, a panel or a control. Moves over an open dialog are ignored, so the point
 * is the one from before the dialog opened.
 */
export function useCanvasPointer(): RefObject<XY | undefined> {
  const last = useRef<XY | undefined>(undefined);
  useEffect(() => {
    const onMove = (event: PointerEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const onCanvas = event.target instanceof Element && event.target.closest(ON_CANVAS);
      last.current = onCanvas ? { x: event.clientX, y: event.clientY } : undefined;
    };
    window.addEventListener('pointermove', onMove, { passive: true });
    return () => window.removeEventListener('pointermove', onMove);
  }, []);
  return last;
}
