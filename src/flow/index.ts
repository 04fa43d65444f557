export { canonicalJson } from './canonicalJson.ts';
export type { Catalog, KindInfo } from './catalog.ts';
export { fieldSchema, sideEffectClasses, userCapabilitySchema } from './capabilitySchema.ts';
export type { Field, Idempotency, SideEffectClass, UserCapability } from './capabilitySchema.ts';
export { capabilityIdSchema, secretNameSchema } from './ids.ts';
export { issue } from './issues.ts';
export type { FlowIssue, JsonPath } from './issues.ts';
export { flowJsonSchema } from './jsonSchema.ts';
export { limits } from './limits.ts';
export { mcpServerStatusSchema, mcpToolSchemasSchema } from './mcpTool.ts';
export type { McpServerStatus, McpToolInfo, McpToolSchemas } from './mcpTool.ts';
export { migrate } from './migrate.ts';
export { policiesSchema } from './policySchema.ts';
export type { Decision, Policies } from './policySchema.ts';
export { compatible, portIdSchema } from './ports.ts';
export type { PortSpec, Ports } from './ports.ts';
export {
  CURRENT_SCHEMA_VERSION,
  flowEdgeSchema,
  flowNodeSchema,
  flowShapeSchema,
  metadataSchema,
} from './schema.ts';
export type { Flow, FlowEdge, FlowNode } from './schema.ts';
export { importFlowText, validateFlow } from './validate.ts';
export { widgets, withWidget } from './widgets.ts';
/** @public See validate.ts. */
export type { ValidationResult } from './validate.ts';
