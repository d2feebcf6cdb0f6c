/**
 * Codegen `mappers` of the appmixer schema: each GraphQL type → the model its resolvers receive as
 * parent. Paths are relative to src/generated/; codegen.ts merges every vendor's table.
 */
export const mappers: Record<string, string> = {
  AppmixerQuery: '../kit/vendor.js#Namespace',
  AppmixerFlow: '../vendors/appmixer/models.js#AppmixerFlowModel',
  AppmixerLogEntry: '../vendors/appmixer/models.js#AppmixerLogEntryModel',
  AppmixerAccount: '../vendors/appmixer/models.js#AppmixerAccountModel',
  AppmixerApp: '../vendors/appmixer/models.js#AppmixerAppModel',
  AppmixerTask: '../vendors/appmixer/models.js#AppmixerTaskModel',
  AppmixerStore: '../vendors/appmixer/models.js#AppmixerStoreModel',
  AppmixerStoreRecord: '../vendors/appmixer/models.js#AppmixerStoreRecordModel',
  AppmixerUnprocessedMessage: '../vendors/appmixer/models.js#AppmixerUnprocessedMessageModel',
  AppmixerFile: '../vendors/appmixer/models.js#AppmixerFileModel',
};
