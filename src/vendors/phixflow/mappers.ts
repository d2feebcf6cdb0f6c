/**
 * Codegen `mappers` of the phixflow schema: each GraphQL type → the model its resolvers receive as
 * parent. Paths are relative to src/generated/; codegen.ts merges every vendor's table.
 */
export const mappers: Record<string, string> = {
  PhixflowQuery: '../kit/vendor.js#Namespace',
  PhixflowEndpoint: '../vendors/phixflow/models.js#PhixflowEndpointModel',
};
