import { templates, type Template } from './files/templates.ts';

const JOBS = [
  {
    title: 'Design',
    text: 'Drag agents, capabilities and approvals from the palette and wire them into a playbook.',
  },
  {
    title: 'Run and debug',
    text: 'Run it here, stop at breakpoints, step back in time, fork a run, decide approvals in the Inbox.',
  },
  {
    title: 'Share',
    text: 'Export it as JSON or a link, or import one, also from n8n, Node-RED, Dify and Flowise.',
  },
] as const;

/**
 * Shown over an empty canvas: how to start, the three jobs the workspace does, and the templates
 * to start from. Only its buttons take the pointer, so a drop on it lands on the canvas beneath.
 */
export function EmptyCanvasHint({ onTemplate }: { onTemplate?: (template: Template) => void }) {
  return (
    <div className="canvas-empty">
      <section className="canvas-welcome" aria-label="Getting started">
        <p className="canvas-empty-title">This playbook is empty</p>
        <p className="canvas-empty-hint">
          Drag a node from the palette onto the canvas, or press <kbd>/</kbd> to add one.
        </p>
        <ol className="welcome-jobs">
          {JOBS.map((job, i) => (
            <li key={job.title}>
              <span className="welcome-step" aria-hidden="true">
                {i + 1}
              </span>
              <strong>{job.title}</strong>
              <span>{job.text}</span>
            </li>
          ))}
        </ol>
        {onTemplate && templates.length > 0 && (
          <div className="welcome-templates">
            <p className="canvas-empty-hint">Or start from a template:</p>
            <ul aria-label="Start from a template">
              {templates.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    className="button-small"
                    title={t.description}
                    onClick={() => onTemplate(t)}
                  >
                    {t.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
