import { useEffect } from 'react';
import { useEditor } from '../editor/context.ts';
import { engine } from './engine.ts';

/** Shows what the engine worker tells people outside any run's log (its storage is full…). */
export function useWorkerNotices(): void {
  const { actions } = useEditor();
  useEffect(
    () =>
      engine().listen((heard) => {
        if (heard.kind === 'notice') actions.notify(heard.text, { tone: 'problem' });
      }),
    [actions],
  );
}
