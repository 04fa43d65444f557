import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';

const KEY = 'aios-run-panel-height';
const MIN = 120;
const DEFAULT = 280;
const STEP = 24;

/** The largest height that leaves the canvas some room. */
const maxHeight = () => Math.max(MIN, window.innerHeight - 220);
const clamp = (height: number) => Math.round(Math.min(maxHeight(), Math.max(MIN, height)));

function savedHeight(): number {
  const saved = Number(localStorage.getItem(KEY));
  return clamp(Number.isFinite(saved) && saved > 0 ? saved : DEFAULT);
}

/**
 * The bar between the canvas and the run panel: drag it, or focus it and use the arrow keys
 * (Home and End for the smallest and largest), to give the run panel more or less room. The
 * height is remembered, and set on the workspace as `--run-panel-height`.
 */
export function PanelResizer() {
  const [height, setHeight] = useState(savedHeight);
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  useEffect(() => {
    const workspace = document.querySelector<HTMLElement>('.workspace');
    workspace?.style.setProperty('--run-panel-height', `${height}px`);
    localStorage.setItem(KEY, String(height));
  }, [height]);
  useEffect(() => {
    const fit = () => setHeight((h) => clamp(h));
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      drag.current = { startY: e.clientY, startHeight: height };
    },
    [height],
  );
  const onPointerMove = useCallback((e: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) setHeight(clamp(start.startHeight + start.startY - e.clientY));
  }, []);
  const onPointerUp = useCallback(() => {
    drag.current = null;
  }, []);
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    const change: Record<string, (h: number) => number> = {
      ArrowUp: (h) => h + STEP,
      ArrowDown: (h) => h - STEP,
      Home: () => MIN,
      End: () => maxHeight(),
    };
    const next = change[e.key];
    if (!next) return;
    e.preventDefault();
    setHeight((h) => clamp(next(h)));
  }, []);

  return (
    <div
      className="panel-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Run panel height"
      aria-valuemin={MIN}
      aria-valuemax={maxHeight()}
      aria-valuenow={height}
      tabIndex={0}
      title="Drag, or use the arrow keys, to resize the run panel"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
