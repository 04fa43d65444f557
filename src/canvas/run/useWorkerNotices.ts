import { useEffect } from 'react';
import { useEditor } from '../editor/context.ts';
import { engine } from './engine.ts';

const reload = () => window.location.reload();

/** Shows what the engine worker tells people outside any run's log (its storage is full…). */
export function useWorkerNotices(): void {
  const { actions } = useEditor();
  useEffect(
    () =>
      engine().listen((heard) => {
        if (heard.kind !== 'notice') return;
        actions.notify(
          heard.text,
          heard.fault === 'cleared'
            ? // Nothing works until a reload opens the storage afresh; say so until then.
              { tone: 'problem', sticky: true, action: { label: 'Reload', run: reload } }
            : { tone: 'problem' },
        );
      }),
    [actions],
  );
}
