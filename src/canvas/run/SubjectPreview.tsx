import type { Preview } from '../../capabilities/preview.ts';

function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** What an approval would do, drawn as what it is: an email, an invoice, a request, a document. */
export function SubjectPreview({ preview }: { preview: Preview }) {
  switch (preview.kind) {
    case 'email':
      return (
        <section className="subject-email" aria-label="Email">
          <dl className="subject-email-head">
            <dt>To</dt>
            <dd>{preview.to}</dd>
            {preview.cc.length > 0 && (
              <>
                <dt>Cc</dt>
                <dd>{preview.cc.join(', ')}</dd>
              </>
            )}
            <dt>Subject</dt>
            <dd className="subject-email-subject">{preview.subject}</dd>
          </dl>
          <div className="subject-email-body" aria-label="Email body">
            {preview.body}
          </div>
        </section>
      );
    case 'invoice':
      return (
        <section className="subject-invoice" aria-label="Invoice">
          <p>
            Invoice to <strong>{preview.customer || '(no customer)'}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col">Qty</th>
                <th scope="col">Unit price</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {preview.lines.map((line, i) => (
                <tr key={i}>
                  <td>{line.description}</td>
                  <td>{line.quantity}</td>
                  <td>{money(line.unitPrice, preview.currency)}</td>
                  <td>{money(line.amount, preview.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total
                </th>
                <td>{money(preview.total, preview.currency)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      );
    case 'http':
      return (
        <section className="subject-http" aria-label="HTTP request">
          <p className="subject-http-line">
            <span className="subject-http-method">{preview.method}</span>
            <code>{preview.url}</code>
          </p>
          {preview.headers.length > 0 && (
            <dl className="subject-http-headers" aria-label="Headers">
              {preview.headers.map((h) => (
                <div key={h.name}>
                  <dt>{h.name}</dt>
                  <dd>{h.hidden ? '•••••• (hidden: a credential)' : h.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {preview.body !== null && <pre className="subject-code">{preview.body}</pre>}
        </section>
      );
    case 'document':
      return (
        <section className="subject-document" aria-label="Document">
          <h4>{preview.title}</h4>
          <div className="subject-document-body">{preview.body}</div>
        </section>
      );
    case 'json':
      return (
        <pre className="subject-code" aria-label="Value">
          {preview.text}
        </pre>
      );
  }
}
