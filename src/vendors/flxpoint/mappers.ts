/**
 * Codegen `mappers` of the flxpoint schema: each GraphQL type → the model its resolvers receive as
 * parent. Paths are relative to src/generated/; codegen.ts merges every vendor's table.
 */
export const mappers: Record<string, string> = {
  FlxpointQuery: '../kit/vendor.js#Namespace',
  FlxpointOrder: '../vendors/flxpoint/models.js#FlxpointOrderModel',
  FlxpointFulfillmentRequest: '../vendors/flxpoint/models.js#FlxpointFulfillmentRequestModel',
  FlxpointShipment: '../vendors/flxpoint/models.js#FlxpointShipmentModel',
  FlxpointShipmentItem: '../vendors/flxpoint/models.js#FlxpointShipmentItemModel',
  FlxpointInventoryVariant: '../vendors/flxpoint/models.js#FlxpointInventoryVariantModel',
  FlxpointInventoryParent: '../vendors/flxpoint/models.js#FlxpointInventoryParentModel',
};
