import { useLayoutEffect, useState, type RefObject } from 'react';
import type { Size } from './editor/editor.ts';

/** An element's size, read before the first paint and again whenever it is resized. */
export function useElementSize(element: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const current = element.current;
    if (!current) return;
    const read = () => {
      const { clientWidth: width, clientHeight: height } = current;
      setSize((s) => (s?.width === width && s.height === height ? s : { width, height }));
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(current);
    return () => observer.disconnect();
  }, [element]);
  return size;
}
