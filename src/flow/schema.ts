import { z } from 'zod';
import { capabilityIdSchema, edgeIdSchema, nodeIdSchema } from './ids.ts';
import { userCapabilitySchema } from './capabilitySchema.ts';
import { policiesSchema } from './policySchema.ts';
import { limits } from './limits.ts';

export const CURRENT_SCHEMA_VERSION = 1;

const finite = z.number().finite();

const positionSchema = z.strictObject({ x: finite, y: finite });
const viewportSchema = z.strictObject({
  x: finite,
  y: finite,
  zoom: z.number().positive().max(10),
});

/**
 * A node as stored: close to React Flow's `toObject()`. `data` is checked by the kind's own schema
 * (see `validateFlow`), so here it is only an object.
 */
export const flowNodeSchema = z.strictObject({
  id: nodeIdSchema,
  type: z.string().min(1).max(64),
  position: positionSchema,
  data: z.record(z.string(), z.unknown()),
  /** Sizes React Flow measured last; kept so a shared flow lays out as drawn. */
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const flowEdgeSchema = z.strictObject({
  id: edgeIdSchema,
  source: nodeIdSchema,
  sourceHandle: z.string().max(64).nullable().optional(),
  target: nodeIdSchema,
  targetHandle: z.string().max(64).nullable().optional(),
  label: z.string().max(200).optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const metadataSchema = z.strictObject({
  created: z.iso.datetime({ offset: true }).optional(),
  updated: z.iso.datetime({ offset: true }).optional(),
  author: z.string().max(200).optional(),
  tags: z.array(z.string().max(64)).max(50).default([]),
  /**
   * Schema hashes of MCP tools as a flow once recorded them; no longer read or written (a tool
   * is pinned by the workspace that first lists it), kept so files that carry it still open.
   */
  toolSchemas: z.record(capabilityIdSchema, z.string().max(128)).optional(),
});

/** The shape of a flow document, with node data left to the kinds. */
export const flowShapeSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  nodes: z.array(flowNodeSchema).max(limits.nodes),
  edges: z.array(flowEdgeSchema).max(limits.edges),
  viewport: viewportSchema.default({ x: 0, y: 0, zoom: 1 }),
  capabilities: z.array(userCapabilitySchema).max(200).default([]),
  policies: policiesSchema.default({ rules: [], budgets: {} }),
  metadata: metadataSchema.default({ tags: [] }),
});

/** A flow whose shape is valid. Node `data` has been parsed by its kind when it comes from `validateFlow`. */
export type Flow = z.infer<typeof flowShapeSchema>;
