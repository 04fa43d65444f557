export interface HeaderProps {
  flowName: string;
}

/** Top bar: product name and the name of the flow being edited. */
export function Header({ flowName }: HeaderProps) {
  return (
    <header className="workspace-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">AIOS Workspace</span>
      </div>
      <span className="header-separator" aria-hidden="true">
        /
      </span>
      <h1 className="flow-name" title={flowName}>
        {flowName}
      </h1>
    </header>
  );
}
