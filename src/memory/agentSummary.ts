import * as z from 'zod';
import type { LlmClient, LlmRequest } from '../engine/contract/index.ts';
import type { Summarize } from './summaries.ts';

/** The model that writes compaction summaries, as the memory settings name it. */
interface SummaryAgent {
  /** A provider of the workspace's runtime settings (`default`, `ollama`…). */
  readonly provider: string;
  readonly model: string;
}

/** Longer groups are summarized extractively: one call must see every memory it stands for. */
const MAX_PROMPT_CHARS = 30_000;
const MAX_SUMMARY_CHARS = 2_000;
const TIMEOUT_MS = 120_000;

const SYSTEM = `You write the summary that stands in for a group of archived workspace memories.
Keep every name, number, date, preference and decision a later reader would need; drop repetition.
Write plain sentences, no preamble, no lists, at most ${MAX_SUMMARY_CHARS} characters.`;

const answerSchema = z.object({
  summary: z.string().trim().min(1, 'the summary is empty').max(MAX_SUMMARY_CHARS),
});
const answerJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: { summary: { type: 'string', maxLength: MAX_SUMMARY_CHARS } },
  required: ['summary'],
  additionalProperties: false,
};

/** Why an agent's summary was not used; compaction then falls back to an extractive one. */
class SummaryError extends Error {
  override readonly name = 'SummaryError';
}

/** The request for one group's summary. */
function summaryRequest(agent: SummaryAgent, texts: readonly string[]): LlmRequest {
  const list = texts.map((t, i) => `${i + 1}. ${t.replace(/\s+/g, ' ').trim()}`).join('\n');
  if (list.length > MAX_PROMPT_CHARS)
    throw new SummaryError(
      `${texts.length} memories of ${list.length} characters are more than one call takes (${MAX_PROMPT_CHARS})`,
    );
  return {
    provider: agent.provider,
    model: agent.model,
    system: SYSTEM,
    messages: [
      {
        role: 'user',
        content: `Summarize these ${texts.length} memories:\n${list}\n\nAnswer with JSON matching this JSON Schema: ${JSON.stringify(answerJsonSchema)}`,
      },
    ],
    temperature: 0.2,
    maxTokens: 800,
    schema: answerJsonSchema,
  };
}

/**
 * Reads a model's answer. It is untrusted: it must be JSON `{ "summary": "…" }` with a non-empty
 * summary of bounded length, or it is refused with the reason.
 */
function readSummary(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SummaryError(`the answer is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SummaryError(
      `the answer is not a summary: ${issue?.path.join('.') || 'the answer'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data.summary;
}

/**
 * Compaction's `summarize` hook backed by a language model: one call per group, the answer
 * validated. It throws `SummaryError` (or the client's error) when no usable summary came back.
 * @example
 * const summarize = agentSummarizer(createLlmClient(settings.providers), { provider: 'default', model: 'gpt-4o-mini' });
 */
export function agentSummarizer(llm: LlmClient, agent: SummaryAgent): Summarize {
  return async (texts) => {
    const request = summaryRequest(agent, texts);
    const answer = await llm.complete(request, AbortSignal.timeout(TIMEOUT_MS));
    return readSummary(answer.text);
  };
}
