/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query FlowizeRecentRecords($first: Int = 5, $after: String) {\n  flowize {\n    records(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          uuid\n          status\n          flowName\n          createdAt\n          currentStep {\n            type\n            text\n          }\n          flow {\n            flowName\n            description\n          }\n        }\n      }\n    }\n  }\n}\n\nquery FlowizeRecordsByFlow($flowName: String = \"invoice-reminders\", $status: FlowizeRecordStatus = FINISHED) {\n  flowize {\n    records(first: 10, filter: {flowName: $flowName, status: $status}) {\n      totalCount\n      nodes {\n        uuid\n        status\n        lastRunAt\n        runCount\n      }\n    }\n  }\n}\n\nquery FlowizeRecord($uuid: ID!) {\n  flowize {\n    record(uuid: $uuid) {\n      uuid\n      status\n      statusName\n      flowName\n      data\n      createdAt\n    }\n  }\n}\n\nquery FlowizeFlowDiagram($flowName: String! = \"customer-onboarding\") {\n  flowize {\n    flowDiagram(flowName: $flowName) {\n      flowName\n      description\n      currentFlow\n    }\n  }\n}\n\nmutation FlowizeCreateRecord($flowName: String! = \"customer-onboarding\", $record: JSON! = {name: \"Jansen\", city: \"Utrecht\"}) {\n  flowizeCreateRecords(input: {flowName: $flowName, records: [$record]}) {\n    uuids\n    alreadyExisted\n    records {\n      uuid\n      status\n      flowName\n    }\n  }\n}": typeof types.FlowizeRecentRecordsDocument,
    "query Vendors {\n  vendors {\n    name\n    mode\n    healthy\n    latencyMs\n    message\n  }\n}": typeof types.VendorsDocument,
};
const documents: Documents = {
    "query FlowizeRecentRecords($first: Int = 5, $after: String) {\n  flowize {\n    records(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          uuid\n          status\n          flowName\n          createdAt\n          currentStep {\n            type\n            text\n          }\n          flow {\n            flowName\n            description\n          }\n        }\n      }\n    }\n  }\n}\n\nquery FlowizeRecordsByFlow($flowName: String = \"invoice-reminders\", $status: FlowizeRecordStatus = FINISHED) {\n  flowize {\n    records(first: 10, filter: {flowName: $flowName, status: $status}) {\n      totalCount\n      nodes {\n        uuid\n        status\n        lastRunAt\n        runCount\n      }\n    }\n  }\n}\n\nquery FlowizeRecord($uuid: ID!) {\n  flowize {\n    record(uuid: $uuid) {\n      uuid\n      status\n      statusName\n      flowName\n      data\n      createdAt\n    }\n  }\n}\n\nquery FlowizeFlowDiagram($flowName: String! = \"customer-onboarding\") {\n  flowize {\n    flowDiagram(flowName: $flowName) {\n      flowName\n      description\n      currentFlow\n    }\n  }\n}\n\nmutation FlowizeCreateRecord($flowName: String! = \"customer-onboarding\", $record: JSON! = {name: \"Jansen\", city: \"Utrecht\"}) {\n  flowizeCreateRecords(input: {flowName: $flowName, records: [$record]}) {\n    uuids\n    alreadyExisted\n    records {\n      uuid\n      status\n      flowName\n    }\n  }\n}": types.FlowizeRecentRecordsDocument,
    "query Vendors {\n  vendors {\n    name\n    mode\n    healthy\n    latencyMs\n    message\n  }\n}": types.VendorsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FlowizeRecentRecords($first: Int = 5, $after: String) {\n  flowize {\n    records(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          uuid\n          status\n          flowName\n          createdAt\n          currentStep {\n            type\n            text\n          }\n          flow {\n            flowName\n            description\n          }\n        }\n      }\n    }\n  }\n}\n\nquery FlowizeRecordsByFlow($flowName: String = \"invoice-reminders\", $status: FlowizeRecordStatus = FINISHED) {\n  flowize {\n    records(first: 10, filter: {flowName: $flowName, status: $status}) {\n      totalCount\n      nodes {\n        uuid\n        status\n        lastRunAt\n        runCount\n      }\n    }\n  }\n}\n\nquery FlowizeRecord($uuid: ID!) {\n  flowize {\n    record(uuid: $uuid) {\n      uuid\n      status\n      statusName\n      flowName\n      data\n      createdAt\n    }\n  }\n}\n\nquery FlowizeFlowDiagram($flowName: String! = \"customer-onboarding\") {\n  flowize {\n    flowDiagram(flowName: $flowName) {\n      flowName\n      description\n      currentFlow\n    }\n  }\n}\n\nmutation FlowizeCreateRecord($flowName: String! = \"customer-onboarding\", $record: JSON! = {name: \"Jansen\", city: \"Utrecht\"}) {\n  flowizeCreateRecords(input: {flowName: $flowName, records: [$record]}) {\n    uuids\n    alreadyExisted\n    records {\n      uuid\n      status\n      flowName\n    }\n  }\n}"): typeof import('./graphql.js').FlowizeRecentRecordsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Vendors {\n  vendors {\n    name\n    mode\n    healthy\n    latencyMs\n    message\n  }\n}"): typeof import('./graphql.js').VendorsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
