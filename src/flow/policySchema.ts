import { z } from 'zod';
import { capabilityIdSchema } from './ids.ts';
import { sideEffectClasses } from './capabilitySchema.ts';

/** What policy decides for a capability call. */
export const decisions = ['allow', 'approve', 'deny'] as const;
export type Decision = (typeof decisions)[number];

const policyRuleSchema = z
  .strictObject({
    id: z.string().min(1).max(64),
    capability: capabilityIdSchema.optional(),
    sideEffect: z.enum(sideEffectClasses).optional(),
    decision: z.enum(decisions),
    /** Below this agent confidence the call needs approval even when the rule allows it. */
    minConfidence: z.number().min(0).max(1).optional(),
    reason: z.string().max(500).default(''),
  })
  .refine((r) => r.capability !== undefined || r.sideEffect !== undefined, {
    message: 'a rule must name a capability or a sideEffect class',
  });

export const policiesSchema = z.strictObject({
  rules: z.array(policyRuleSchema).max(500).default([]),
  budgets: z
    .strictObject({
      tokens: z.number().int().positive().optional(),
      money: z.number().positive().optional(),
      externalMessages: z.number().int().nonnegative().optional(),
    })
    .default({}),
});
export type Policies = z.infer<typeof policiesSchema>;
