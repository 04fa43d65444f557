import { useEffect, useRef } from 'react';
import type { StreamBody } from '../../protocol/index.ts';
import { engine } from './engine.ts';

export interface Frame {
  /** What arrived since the last frame, in stream order. */
  readonly batch: readonly StreamBody[];
  /** The stream was reset (the page missed messages): read everything again. */
  readonly reset: boolean;
}

/**
 * Calls `onFrame` with what the engine's stream carried, at most once per animation frame (a
 * running flow sends many messages a frame); and `onReady` once the worker has resumed what was
 * under way at start-up. The page's one subscription is shared by every caller.
 */
export function useEngineStream(onFrame: (frame: Frame) => void, onReady?: () => void): void {
  const handler = useRef(onFrame);
  useEffect(() => {
    handler.current = onFrame;
  }, [onFrame]);
  useEffect(() => {
    let batch: StreamBody[] = [];
    let reset = false;
    let queued = 0;
    const flush = () => {
      queued = 0;
      const frame = { batch, reset };
      batch = [];
      reset = false;
      handler.current(frame);
    };
    const off = engine().listen((heard) => {
      if (heard.kind === 'reset') reset = true;
      else batch.push(heard);
      queued ||= requestAnimationFrame(flush);
    });
    let live = true;
    void engine()
      .api.ready()
      .then(() => live && onReady?.());
    return () => {
      live = false;
      off();
      if (queued) cancelAnimationFrame(queued);
    };
  }, [onReady]);
}
