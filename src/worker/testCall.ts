import { resolveCapability } from '../capabilities/index.ts';
import { NodeError, type Execution, type Services } from '../engine/index.ts';
import { noUsage } from '../engine/contract/index.ts';
import {
  CURRENT_SCHEMA_VERSION,
  capabilityIdSchema,
  flowShapeSchema,
  userCapabilitySchema,
} from '../flow/index.ts';

/** What one test call gave back, and how long it took. */
interface TestCallResult {
  readonly output: unknown;
  readonly ms: number;
}

const TIMEOUT_MS = 30_000;

/**
 * Calls one capability once with sample input, outside any run: no ledger, no policy, no event
 * log (the UI asks before a side-effecting call). A user-defined capability comes with its
 * definition, which is validated here like any imported one; the input is validated against the
 * capability's own schema, and a refusal names the field (`input.to`).
 * @example await testCall(services, 'email.draft', { to: 'a@b.test', subject: 'Hi', body: '…' })
 */
export async function testCall(
  services: Omit<Services, 'ledger' | 'approvals' | 'runFlow'>,
  id: string,
  input: unknown,
  definition?: unknown,
): Promise<TestCallResult> {
  const own = definition === undefined ? [] : [userCapabilitySchema.parse(definition)];
  const capabilityId = capabilityIdSchema.parse(id);
  if (own[0] && own[0].id !== capabilityId)
    throw new NodeError('bad-definition', `the definition sent is "${own[0].id}", not "${id}"`);
  const flow = flowShapeSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: 'test-call',
    name: 'Test call',
    nodes: [],
    edges: [],
    capabilities: own,
  });
  const capability = resolveCapability(capabilityId, flow, services.capabilities);
  const parsed = capability.input.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = ['input', ...(first?.path.map(String) ?? [])].join('.');
    throw new NodeError('bad-input', `${path}: ${first?.message ?? 'invalid input'}`, { path });
  }
  const key = `test-call/${capabilityId}/${crypto.randomUUID()}`;
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const execution: Execution<unknown> = {
    runId: 'test-call',
    node: { id: 'test-call', kind: 'capability', label: 'Test call', data: {} },
    flow,
    scope: { input: parsed.data, run: { id: 'test-call', input: parsed.data }, nodes: {} },
    visit: 1,
    attempt: 1,
    signal,
    services: {
      ...services,
      // A test call is not part of any run: nothing to remember, and nobody to ask.
      ledger: { get: () => Promise.resolve(undefined), put: () => Promise.resolve() },
      approvals: {
        request: () =>
          Promise.reject(new NodeError('no-approvals', 'a test call cannot ask for approval')),
      },
    },
    usage: noUsage,
    log: () => undefined,
  };
  const started = services.clock.now();
  const output = await capability.call(parsed.data, key, execution);
  return { output, ms: services.clock.now() - started };
}
