import type { Flow } from '../../../src/flow/index.ts';
import type { ApprovalRecord, Engine, RunRecord } from '../../../src/engine/index.ts';
import type { Answer } from '../../../src/engine/index.ts';
import { schemaAnswer, systemOf } from './llmScript.ts';
import { loadFlow } from './world.ts';
import type { TestServer } from './testServer.ts';

/** An example run from input to end: its flow, input, model answers and how people decide. */
export interface Scenario {
  readonly name: string;
  readonly flow: Flow;
  readonly input: unknown;
  /** Deterministic: the same request always gets the same answer, as a crash may repeat calls. */
  script(server: TestServer): void;
  decide(approval: ApprovalRecord): Answer;
}

const visitOf = (key: string) => Number(key.split('/').at(-1));

export const scenarios: readonly Scenario[] = [
  {
    name: 'freelance writer (reject once, then approve)',
    flow: loadFlow('freelance-writer.json'),
    input: {
      client: 'Acme',
      clientEmail: 'editor@acme.test',
      topic: 'Pricing',
      brief: 'Explain pricing',
      wordCount: 600,
    },
    script: (server) =>
      server.scriptLlm((req) => {
        const revised = req.messages.some((m) => m.content.includes('rejected'));
        return schemaAnswer(req.messages, {
          title: revised ? 'Second draft' : 'First draft',
          body: revised ? 'Shorter' : 'Long',
        });
      }),
    decide: (a) =>
      visitOf(a.key) === 1
        ? { decision: 'rejected', feedback: 'Shorter please' }
        : { decision: 'approved' },
  },
  {
    name: 'support triage (unsure reply approved)',
    flow: loadFlow('saas-support-triage.json'),
    input: {
      ticketId: 'T-7',
      customerEmail: 'pat@customer.test',
      subject: 'Export',
      message: 'How do I export?',
    },
    script: (server) =>
      server.scriptLlm((req) =>
        systemOf(req.messages).startsWith('You triage')
          ? schemaAnswer(req.messages, {
              category: 'how-to',
              urgency: 'low',
              summary: 'Export question',
            })
          : schemaAnswer(req.messages, {
              subject: 'Re: Export',
              body: 'Settings → Export',
              confidence: 0.6,
            }),
      ),
    decide: () => ({ decision: 'approved' }),
  },
  {
    name: 'consultant engagement (all approved)',
    flow: loadFlow('consultant-engagement.json'),
    input: {
      client: 'Globex',
      clientEmail: 'ceo@globex.test',
      goals: 'Grow',
      days: 3,
      dayRate: 1000,
    },
    script: (server) =>
      server.scriptLlm((req) => {
        if (systemOf(req.messages).includes('skeptical'))
          return schemaAnswer(req.messages, { risks: ['Scope creep'] });
        if (req.messages.some((m) => m.content.includes('Phase:')))
          return schemaAnswer(req.messages, { title: 'Deliverable', document: 'Doc' });
        return schemaAnswer(req.messages, {
          phases: [
            { name: 'Discovery', days: 1, deliverable: 'Notes' },
            { name: 'Plan', days: 2, deliverable: 'Plan' },
          ],
          summary: 'Two phases',
        });
      }),
    decide: () => ({ decision: 'approved' }),
  },
];

/**
 * Takes decisions as they come until the run ends (or the engine dies). Resolves with the run
 * record, or undefined when the run was halted.
 */
export async function drive(
  engine: Engine,
  runId: string,
  done: Promise<RunRecord>,
  scenario: Scenario,
): Promise<RunRecord | undefined> {
  let outcome: { record?: RunRecord } | undefined;
  void done.then(
    (record) => (outcome = { record }),
    () => (outcome = {}),
  );
  for (;;) {
    if (outcome) return outcome.record;
    const [next] = await engine.pendingApprovals(runId);
    if (next) {
      try {
        await engine.decide(next.key, scenario.decide(next));
      } catch {
        // The store died mid-decision, or the decision raced a crash; the caller resumes.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
