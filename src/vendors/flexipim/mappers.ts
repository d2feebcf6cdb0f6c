/**
 * Codegen `mappers` of the flexipim schema: each GraphQL type → the model its resolvers receive as
 * parent. Paths are relative to src/generated/; codegen.ts merges every vendor's table.
 */
export const mappers: Record<string, string> = {
  FlexipimQuery: '../kit/vendor.js#Namespace',
  FlexipimProduct: '../vendors/flexipim/models.js#FlexipimProductModel',
  FlexipimFamily: '../vendors/flexipim/models.js#FlexipimFamilyModel',
  FlexipimCategory: '../vendors/flexipim/models.js#FlexipimCategoryModel',
  FlexipimAttribute: '../vendors/flexipim/models.js#FlexipimAttributeModel',
  FlexipimAttributeValue: '../vendors/flexipim/models.js#FlexipimAttributeValueModel',
  FlexipimAttributeGroup: '../vendors/flexipim/models.js#FlexipimAttributeGroupModel',
};
