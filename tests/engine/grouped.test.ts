import { afterEach, describe, expect, it } from 'vitest';
import { groupSelection } from '../../src/canvas/editor/group.ts';
import type { Flow } from '../../src/flow/index.ts';
import { ticket } from './harness/inputs.ts';
import { triageAnswers } from './harness/llmScript.ts';
import { createWorld, loadFlow, parseFlow, type World } from './harness/world.ts';

/** `flow` with `ids` grouped into a subflow, which is saved in the world. */
function grouped(world: World, flow: Flow, ids: string[]): Flow {
  const result = groupSelection(flow, new Set(ids), { childId: 'group', childName: 'Group' });
  if (!result.ok) throw new Error(result.reason);
  world.saved.set('group', parseFlow(result.child));
  return parseFlow(result.parent);
}

/** A world whose models answer the triage playbook. */
async function triageWorld(): Promise<World> {
  const world = await createWorld();
  world.server.scriptLlm(
    triageAnswers(
      { category: 'how-to', urgency: 'low', summary: 'Export' },
      { subject: 'Re: Export', body: 'Use Settings.', confidence: 0.95 },
    ),
  );
  return world;
}

describe('an example with some of its nodes grouped into a subflow', () => {
  // Each run in a world of its own: the first run's memory would change what the second recalls.
  const worlds: World[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) await world.server.stop();
  });

  it('runs as before: the reply agent reads the triage and the ticket through the subflow input', async () => {
    const replyRequest = (world: World) =>
      JSON.stringify(world.server.requests.filter((r) => r.path.startsWith('/llm/')).at(-1)?.body);
    const [first, world] = [await triageWorld(), await triageWorld()];
    worlds.push(first, world);
    const triage = loadFlow('saas-support-triage.json');
    const before = await (await first.engine().start(triage, ticket)).done;

    const flow = grouped(world, triage, ['similar', 'reply']);
    // `send` reads nodes.reply: the subflow node took the reply's id.
    const subflow = flow.nodes.find((n) => n.id === 'reply');
    expect(subflow?.type).toBe('subflow');
    // The reply reads run.input (the ticket), which reaches the subflow inside its input.
    expect(subflow?.data['input']).toContain('"runInput": $run.input');
    const record = await (await world.engine().start(flow, ticket)).done;
    expect(record).toMatchObject({
      status: 'succeeded',
      result: { node: 'answered', value: { ticketId: ticket.ticketId } },
    });
    expect(before.result).toMatchObject({ node: 'answered', value: { ticketId: ticket.ticketId } });
    const child = (await world.store.listRuns()).find((r) => r.flowId === 'group');
    expect(child).toMatchObject({ id: `${record.id}/reply/1`, status: 'succeeded' });
    // The agent was asked exactly what it was asked before grouping.
    expect(replyRequest(world)).toBe(replyRequest(first));
    expect(replyRequest(world)).toContain(ticket.message);
    expect(world.server.count(/^\/mail\//).applied).toBe(1);
    const policy = (await world.store.events(record.id)).find(
      (e) => e.type === 'policy.decided' && e.capability === 'email.send',
    );
    expect(policy).toMatchObject({ decision: 'allow', rule: 'confident-replies-only' });
  });
});
