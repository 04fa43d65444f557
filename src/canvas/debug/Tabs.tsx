import type { ReactNode } from 'react';

interface Tab<K extends string> {
  readonly id: K;
  readonly label: ReactNode;
  readonly disabled?: boolean;
}

/** A row of tabs over one panel; only the chosen panel is rendered. */
export function Tabs<K extends string>({
  label,
  tabs,
  current,
  onChange,
  children,
}: {
  label: string;
  tabs: readonly Tab<K>[];
  current: K;
  onChange: (id: K) => void;
  children: ReactNode;
}) {
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`tabpanel-${label}`}
            disabled={tab.disabled}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${label}`} aria-labelledby={`tab-${current}`}>
        {children}
      </div>
    </div>
  );
}
