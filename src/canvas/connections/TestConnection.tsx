/** Where a Test connection stands: not tried, under way, or what it found. */
export type Tested =
  | { readonly state: 'idle' | 'testing' }
  | { readonly state: 'ok' | 'failed'; readonly text: string };

/** The Test connection button of a form (it submits the form) and what the test found. */
export function TestConnection({ tested, disabled }: { tested: Tested; disabled?: boolean }) {
  return (
    <div className="conn-test">
      <button
        type="submit"
        className="button"
        disabled={tested.state === 'testing' || disabled === true}
      >
        {tested.state === 'testing' ? 'Testing…' : 'Test connection'}
      </button>
      <div aria-live="polite" className="conn-test-result">
        {tested.state === 'ok' && (
          <p role="status" className="conn-ok">
            {tested.text}
          </p>
        )}
        {tested.state === 'failed' && (
          <p role="alert" className="conn-failed">
            {tested.text}
          </p>
        )}
      </div>
    </div>
  );
}
