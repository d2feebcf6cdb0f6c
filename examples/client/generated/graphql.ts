/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant in time, serialised as an ISO 8601 string in UTC (`2024-05-03T11:47:38.000Z`). Vendor
   * wall-clock strings without a zone are read in the vendor's configured time zone (UTC by default).
   */
  DateTime: { input: string; output: string; }
  /** Free-form vendor-defined data (e.g. a Flowize data record), passed through as JSON. */
  JSON: { input: unknown; output: unknown; }
};

export type FlowizeCreateRecordsInput = {
  /** Run the flow at this time instead of now (X-Executiontime). */
  executeAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Target flow name (X-Flow). */
  flowName: Scalars['String']['input'];
  /**
   * The records, one JSON object each. One record may carry its own uuid; when none is given the
   * gateway chooses one, so a retried create can never make a second record.
   */
  records: Array<Scalars['JSON']['input']>;
  /** REST (default from config) or SOAP postRecord. */
  transport?: InputMaybe<FlowizeTransport>;
  /** Client-chosen uuid (only with a single record). */
  uuid?: InputMaybe<Scalars['ID']['input']>;
};

export type FlowizeDataFieldFilter = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type FlowizeDateRange = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  type: FlowizeRecordDateType;
};

/** Which date a record search range applies to. */
export type FlowizeRecordDateType =
  | 'CREATED'
  | 'LAST_RUN'
  | 'STARTED';

export type FlowizeRecordFilter = {
  /** A custom mapped data field and the value it must have (both required together). */
  dataField?: InputMaybe<FlowizeDataFieldFilter>;
  /** A date range over one of the record dates. */
  dates?: InputMaybe<FlowizeDateRange>;
  /** Records of this flow (by name). */
  flowName?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<FlowizeRecordStatus>;
};

/** Processing status of a data record (Flowize's X-datarecord-status codes). */
export type FlowizeRecordStatus =
  /** 6 */
  | 'ERRORS_HANDLED'
  /** 2 */
  | 'FINISHED'
  /** 3 */
  | 'FINISHED_WITH_ERRORS'
  /** 0: not started, new or paused */
  | 'NEW'
  /** 1 */
  | 'PROCESSING'
  /** 5 */
  | 'REVIEWED'
  /** 4 */
  | 'SCHEDULED';

/** How to send new records. */
export type FlowizeTransport =
  | 'REST'
  | 'SOAP';

/** How the gateway reaches a vendor. */
export type VendorMode =
  /** The vendor's real API. */
  | 'LIVE'
  /** Settings are missing: every field of this vendor answers VENDOR_NOT_CONFIGURED. */
  | 'NOT_CONFIGURED'
  /** The built-in simulator (no vendor account needed). */
  | 'SANDBOX';

export type FlowizeRecentRecordsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FlowizeRecentRecordsQuery = { __typename?: 'Query', flowize?: { __typename?: 'FlowizeQuery', records: { __typename?: 'FlowizeRecordConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'FlowizeRecordEdge', cursor: string, node: { __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, flowName?: string | null, createdAt?: string | null, currentStep?: { __typename?: 'FlowizeStep', type?: string | null, text?: string | null } | null, flow?: { __typename?: 'FlowizeFlowDiagram', flowName: string, description?: string | null } | null } }> } } | null };

export type FlowizeRecordsByFlowQueryVariables = Exact<{
  flowName?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<FlowizeRecordStatus>;
}>;


export type FlowizeRecordsByFlowQuery = { __typename?: 'Query', flowize?: { __typename?: 'FlowizeQuery', records: { __typename?: 'FlowizeRecordConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, lastRunAt?: string | null, runCount?: number | null }> } } | null };

export type FlowizeRecordQueryVariables = Exact<{
  uuid: Scalars['ID']['input'];
}>;


export type FlowizeRecordQuery = { __typename?: 'Query', flowize?: { __typename?: 'FlowizeQuery', record?: { __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, statusName?: string | null, flowName?: string | null, data?: unknown | null, createdAt?: string | null } | null } | null };

export type FlowizeFlowDiagramQueryVariables = Exact<{
  flowName?: Scalars['String']['input'];
}>;


export type FlowizeFlowDiagramQuery = { __typename?: 'Query', flowize?: { __typename?: 'FlowizeQuery', flowDiagram?: { __typename?: 'FlowizeFlowDiagram', flowName: string, description?: string | null, currentFlow?: unknown | null } | null } | null };

export type FlowizeCreateRecordMutationVariables = Exact<{
  flowName?: Scalars['String']['input'];
  record?: Scalars['JSON']['input'];
}>;


export type FlowizeCreateRecordMutation = { __typename?: 'Mutation', flowizeCreateRecords: { __typename?: 'FlowizeCreateRecordsPayload', uuids: Array<string>, alreadyExisted: boolean, records: Array<{ __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, flowName?: string | null }> } };

export type VendorsQueryVariables = Exact<{ [key: string]: never; }>;


export type VendorsQuery = { __typename?: 'Query', vendors: Array<{ __typename?: 'VendorHealth', name: string, mode: VendorMode, healthy: boolean, latencyMs?: number | null, message?: string | null }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const FlowizeRecentRecordsDocument = new TypedDocumentString(`
    query FlowizeRecentRecords($first: Int = 5, $after: String) {
  flowize {
    records(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          uuid
          status
          flowName
          createdAt
          currentStep {
            type
            text
          }
          flow {
            flowName
            description
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlowizeRecentRecordsQuery, FlowizeRecentRecordsQueryVariables>;
export const FlowizeRecordsByFlowDocument = new TypedDocumentString(`
    query FlowizeRecordsByFlow($flowName: String = "invoice-reminders", $status: FlowizeRecordStatus = FINISHED) {
  flowize {
    records(first: 10, filter: {flowName: $flowName, status: $status}) {
      totalCount
      nodes {
        uuid
        status
        lastRunAt
        runCount
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlowizeRecordsByFlowQuery, FlowizeRecordsByFlowQueryVariables>;
export const FlowizeRecordDocument = new TypedDocumentString(`
    query FlowizeRecord($uuid: ID!) {
  flowize {
    record(uuid: $uuid) {
      uuid
      status
      statusName
      flowName
      data
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<FlowizeRecordQuery, FlowizeRecordQueryVariables>;
export const FlowizeFlowDiagramDocument = new TypedDocumentString(`
    query FlowizeFlowDiagram($flowName: String! = "customer-onboarding") {
  flowize {
    flowDiagram(flowName: $flowName) {
      flowName
      description
      currentFlow
    }
  }
}
    `) as unknown as TypedDocumentString<FlowizeFlowDiagramQuery, FlowizeFlowDiagramQueryVariables>;
export const FlowizeCreateRecordDocument = new TypedDocumentString(`
    mutation FlowizeCreateRecord($flowName: String! = "customer-onboarding", $record: JSON! = {name: "Jansen", city: "Utrecht"}) {
  flowizeCreateRecords(input: {flowName: $flowName, records: [$record]}) {
    uuids
    alreadyExisted
    records {
      uuid
      status
      flowName
    }
  }
}
    `) as unknown as TypedDocumentString<FlowizeCreateRecordMutation, FlowizeCreateRecordMutationVariables>;
export const VendorsDocument = new TypedDocumentString(`
    query Vendors {
  vendors {
    name
    mode
    healthy
    latencyMs
    message
  }
}
    `) as unknown as TypedDocumentString<VendorsQuery, VendorsQueryVariables>;