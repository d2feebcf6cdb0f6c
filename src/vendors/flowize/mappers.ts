/**
 * Codegen `mappers` of the flowize schema: each GraphQL type → the model its resolvers receive as
 * parent. Paths are relative to src/generated/; codegen.ts merges every vendor's table.
 */
export const mappers: Record<string, string> = {
  FlowizeQuery: '../kit/vendor.js#Namespace',
  FlowizeRecord: '../vendors/flowize/models.js#FlowizeRecordModel',
  FlowizeFlowDiagram: '../vendors/flowize/models.js#FlowizeFlowDiagramModel',
  FlowizeEnvironment: '../vendors/flowize/models.js#FlowizeEnvironmentModel',
  FlowizeDataSchemaPayload: '../vendors/flowize/models.js#FlowizeDataSchemaPayloadModel',
  FlowizeTableRow: '../vendors/flowize/models.js#FlowizeTableRowModel',
  FlowizeTableUpdatePayload: '../vendors/flowize/models.js#FlowizeTableUpdatePayloadModel',
};
