import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface TabSpec<K extends string> {
  readonly id: K;
  readonly label: string;
}

/**
 * Tabs as the ARIA pattern has them: one tab stop, arrow keys (and Home/End) move between tabs
 * and choose, only the chosen panel is drawn.
 */
export function Tablist<K extends string>(props: {
  label: string;
  idPrefix: string;
  tabs: readonly TabSpec<K>[];
  current: K;
  onChange: (id: K) => void;
  children: ReactNode;
}) {
  const { tabs, current, onChange, idPrefix } = props;
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (e: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === current);
    const to =
      e.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    const tab = tabs[to];
    if (!tab) return;
    e.preventDefault();
    onChange(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={props.label} className="conn-tabs" onKeyDown={move}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === current ? 0 : -1}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${current}`}
        className="conn-panel"
      >
        {props.children}
      </div>
    </>
  );
}
