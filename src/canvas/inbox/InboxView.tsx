import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Answer } from '../../engine/index.ts';
import { ApprovalCard, type ApprovalHandle } from '../run/ApprovalCard.tsx';
import { approvalContext } from '../run/approvalContext.ts';
import { engine } from '../run/engine.ts';
import { ago } from './ago.ts';
import { KeyLegend } from './KeyLegend.tsx';
import { onKey, type InboxCommand, type InboxState, type KeyPress } from './keys.ts';
import type { InboxItem } from './usePendingApprovals.ts';
import { useNow } from './useNow.ts';

function targetOf(element: EventTarget): KeyPress['target'] {
  if (!(element instanceof HTMLElement)) return 'none';
  if (element.closest('[data-role="feedback"]')) return 'feedback';
  if (element.closest('[data-role="editor"]')) return 'editor';
  if (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName))
    return 'field';
  return 'none';
}

/**
 * Every pending approval across runs, newest first: the list on the left, the selected one on
 * the right, driven by the keyboard (the keys are listed on top). Selection follows the item, not
 * its position, so a new arrival at the top does not move what you are reading.
 */
export function InboxView({
  items,
  onClose,
  onDecided,
}: {
  items: readonly InboxItem[];
  onClose: () => void;
  onDecided: () => void;
}) {
  const [state, setState] = useState<InboxState & { key: string | null }>({
    index: 0,
    mode: 'browse',
    key: items[0]?.approval.key ?? null,
  });
  const now = useNow();
  const card = useRef<ApprovalHandle>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // The dialog focuses its first button when it opens, after this effect: take focus next frame.
    const frame = requestAnimationFrame(() => list.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);
  const byKey = items.findIndex((i) => i.approval.key === state.key);
  const index = byKey >= 0 ? byKey : Math.max(0, Math.min(state.index, items.length - 1));
  const selected = items[index];

  const select = (next: InboxState) =>
    setState({ ...next, key: items[next.index]?.approval.key ?? null });

  const decide = async (key: string, answer: Answer) => {
    const result = await engine().api.decide({ key, answer });
    onDecided();
    return result.ok ? null : result.error.message;
  };

  const perform = (command: InboxCommand) => {
    const handle = card.current;
    switch (command) {
      case 'approve':
        return handle?.approve();
      case 'approve-edited':
        return handle?.approveEdited();
      case 'reject':
        return handle?.reject();
      case 'focus-editor':
        return handle?.edit();
      case 'focus-feedback':
        return handle?.focusFeedback();
      case 'focus-list':
        handle?.cancel();
        return list.current?.focus();
      case 'close':
        return onClose();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey) return;
    const press: KeyPress = {
      key: event.key,
      mod: event.ctrlKey || event.metaKey,
      target: targetOf(event.target),
    };
    const outcome = onKey(
      { index, mode: state.mode },
      press,
      items.length,
      selected?.approval.request.allowEdit ?? false,
    );
    if (!outcome.handled) return;
    // Handled keys are ours: the dialog must not also close on Escape, nor the list scroll.
    event.preventDefault();
    event.stopPropagation();
    select(outcome.state);
    if (outcome.command) perform(outcome.command);
  };

  return (
    <div className="inbox" onKeyDown={onKeyDown}>
      <KeyLegend />
      {items.length === 0 ? (
        <p className="inbox-empty">Nothing is waiting for you. New approvals appear here live.</p>
      ) : (
        <div className="inbox-columns">
          <ul
            ref={list}
            className="inbox-list"
            role="listbox"
            aria-label="Pending approvals"
            aria-activedescendant={selected ? `inbox-${index}` : undefined}
            tabIndex={0}
          >
            {items.map(({ approval, run }, i) => (
              <li
                key={approval.key}
                id={`inbox-${i}`}
                role="option"
                aria-selected={i === index}
                className="inbox-item"
                onClick={() => select({ index: i, mode: 'browse' })}
              >
                <span className="inbox-item-title">{approval.request.title}</span>
                <span className="inbox-item-meta">
                  {run?.flowName ?? approval.runId} · {ago(approval.createdAt, now)}
                  {approval.request.confidence !== undefined && (
                    <span className="inbox-confidence">
                      {' '}
                      · confidence {approval.request.confidence.toFixed(2)}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <div className="inbox-detail">
            {selected && (
              <ApprovalCard
                key={selected.approval.key}
                ref={card}
                ownKeys={false}
                approval={selected.approval}
                onDecide={(answer) => decide(selected.approval.key, answer)}
                {...approvalContext(selected.approval, selected.run?.flow)}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
