import type { ApprovalDesk, Need } from './contract/index.ts';

/** What the run panel and the inbox say while a run waits for `need`. */
function needTitle(need: Need): string {
  switch (need.kind) {
    case 'connection':
      return `${need.name} is not connected — connect it to continue`;
    case 'secret':
      return `the secret ${need.name} is not in the vault — add it to continue`;
    case 'unlock':
      return `the secret vault is locked — unlock it to use ${need.name} and continue`;
    case 'provider':
      return `no model provider "${need.name}" is set up — add it to continue`;
  }
}

function needHint(need: Need): string {
  switch (need.kind) {
    case 'connection':
      return `Open Connections and add "${need.name}" (its base URL and the secret it signs in with).`;
    case 'secret':
      return `Open Secrets and add ${need.name}.`;
    case 'unlock':
      return 'Open Secrets and give the vault passphrase.';
    case 'provider':
      return `Open Connections and add the provider "${need.name}" under "providers".`;
  }
}

/**
 * Waits, durably, until a person has set up what a node needs: a `setup` request on the desk,
 * which the host decides as soon as the thing is there (or a person asks to try again). The key
 * is fixed by the node's visit and attempt, so a resumed run finds the same request.
 */
export async function waitForSetup(
  desk: ApprovalDesk,
  at: { runId: string; nodeId: string; visit: number; attempt: number },
  need: Need,
  signal: AbortSignal,
): Promise<void> {
  await desk.request(
    {
      key: `setup:${at.runId}/${at.nodeId}/${at.visit}/${at.attempt}`,
      runId: at.runId,
      nodeId: at.nodeId,
      reason: 'setup',
      need,
      title: needTitle(need),
      preview: `${needHint(need)} The run waits here and continues by itself once it is set.`,
      subject: null,
      allowEdit: false,
      expiresAt: null,
      onTimeout: 'hold',
    },
    signal,
  );
}
