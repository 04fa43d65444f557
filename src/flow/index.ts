export { canonicalJson } from './canonicalJson.ts';
export type { Catalog, KindInfo } from './catalog.ts';
export {
  fieldSchema,
  idempotencyClasses,
  sideEffectClasses,
  userCapabilitySchema,
} from './capabilitySchema.ts';
export type { Field, Idempotency, SideEffectClass, UserCapability } from './capabilitySchema.ts';
export { capabilityIdSchema, edgeIdSchema, nodeIdSchema, secretNameSchema } from './ids.ts';
export { formatPath, hasErrors, issue } from './issues.ts';
export type { FlowIssue, JsonPath } from './issues.ts';
export { flowJsonSchema } from './jsonSchema.ts';
export { limits } from './limits.ts';
export { mcpServerStatusSchema, mcpToolInfoSchema, mcpToolSchemasSchema } from './mcpTool.ts';
export type { McpServerStatus, McpToolInfo, McpToolSchemas } from './mcpTool.ts';
export { documentMigrations, migrate } from './migrate.ts';
export { decisions, policiesSchema, policyRuleSchema } from './policySchema.ts';
export type { Decision, Policies } from './policySchema.ts';
export { compatible, portIdSchema, portTypes } from './ports.ts';
export type { PortSpec, PortType, Ports } from './ports.ts';
export {
  CURRENT_SCHEMA_VERSION,
  flowEdgeSchema,
  flowNodeSchema,
  flowShapeSchema,
  metadataSchema,
} from './schema.ts';
export type { Flow, FlowEdge, FlowNode } from './schema.ts';
export { didYouMean, suggest } from './suggest.ts';
export { importFlowText, validateFlow } from './validate.ts';
export { widgets, withWidget } from './widgets.ts';
export type { Widget } from './widgets.ts';
export type { ValidationResult } from './validate.ts';
