import { describe, expect, it } from 'vitest';
import { load, fixture } from './helpers.ts';

describe('the Dify importer (DSL in YAML)', () => {
  it('maps start variables, if-else cases, the LLM with its model and prompt, and the ends', async () => {
    const { byId, edges } = await load('dify-support.yml');
    expect(byId('start').data['inputs']).toEqual([
      { name: 'query', type: 'text', required: true, description: 'Question' },
      { name: 'tier', type: 'text', required: false, description: 'Tier' },
    ]);
    expect(byId('premium').data['branches']).toEqual([
      { id: 'c1', label: 'If', when: '($run.input.tier = "premium")' },
    ]);
    expect(edges).toEqual(
      expect.arrayContaining(['premium.c1-answer.in', 'premium.else-search-faq.in']),
    );
    expect(byId('answer').data).toMatchObject({
      role: 'You answer premium customers.',
      prompt: '{{ run.input.query }}',
      model: { name: 'gpt-4o', temperature: 0.2 },
    });
    expect(byId('end').data['value']).toBe('{ "answer": $nodes.answer.text }');
    expect(byId('answer-2').data['value']).toBe('{ "answer": $nodes.format.output }');
  });

  it('names the HTTP authorization as a credential and never imports its key', async () => {
    const { byId, result, report } = await load('dify-support.yml');
    expect(byId('search-faq').data['input']).toMatchObject({
      url: 'https://faq.example.com/search?q={{ run.input.query }}',
    });
    expect(report.credentials[0]).toMatchObject({ secret: 'SEARCH_FAQ_KEY' });
    expect(JSON.stringify(result)).not.toContain('NEVER-IMPORT-ME');
  });

  it('maps JavaScript code and templates, and keeps a tool as a placeholder', async () => {
    const { byId } = await load('dify-support.yml');
    expect(byId('pick-first').data['source']).toContain('return main(input);');
    expect(byId('format').data['template']).toBe('Found: {{ nodes["pick-first"].first }}');
    expect(byId('translate').type).toBe('placeholder');
  });

  it('is detected from its YAML and can be named explicitly', async () => {
    const named = await load('dify-support.yml', 'dify');
    expect(named.result.format).toBe('dify');
    expect(fixture('dify-support.yml').startsWith('app:')).toBe(true);
  });
});

describe('the Flowise importer (agentflow)', () => {
  it('maps the start, the LLM, the condition with its else, the human input and the reply', async () => {
    const { byId, edges } = await load('flowise-review.json');
    expect(byId('start').data['inputs']).toEqual([
      { name: 'question', type: 'text', required: true, description: 'The chat message' },
    ]);
    expect(byId('draft-reply').data).toMatchObject({
      role: 'You draft replies.',
      prompt: 'Reply to: {{ run.input.question }}',
      model: { name: 'gpt-4o-mini', temperature: 0.5 },
    });
    expect(byId('mentions-refund').data['branches']).toEqual([
      {
        id: 'c1',
        label: 'Condition 1',
        when: '$contains($string($run.input.question), $string("refund"))',
      },
    ]);
    expect(edges).toEqual(
      expect.arrayContaining([
        'mentions-refund.c1-check-refund.in',
        'mentions-refund.else-trim.in',
        'check-refund.approved-log-refund.in',
      ]),
    );
    expect(byId('reply').data['value']).toBe('{ "answer": $nodes.`draft-reply`.text }');
    expect(byId('log-refund').data['input']).toMatchObject({
      body: '{"text": "{{ nodes["draft-reply"].text }}"}',
    });
    expect(byId('find-policy').type).toBe('placeholder');
  });
});
