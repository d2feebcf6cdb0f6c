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
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

export type AppmixerAccountFilter = {
  /** Leave out accounts of these services. */
  excludeServices?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Accounts of this service (e.g. appmixer:slack). */
  service?: InputMaybe<Scalars['String']['input']>;
};

export type AppmixerCreateFlowInput = {
  customFields?: InputMaybe<Scalars['JSON']['input']>;
  /** The flow descriptor: components keyed by id (an empty flow when omitted). */
  descriptor?: InputMaybe<Scalars['JSON']['input']>;
  name: Scalars['String']['input'];
};

export type AppmixerCreateStoreRecordInput = {
  key: Scalars['String']['input'];
  storeId: Scalars['ID']['input'];
  value: Scalars['String']['input'];
};

export type AppmixerCreateTaskInput = {
  /** The approver's email. */
  approver: Scalars['String']['input'];
  decisionBy: Scalars['DateTime']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** The requester's email. */
  requester: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

export type AppmixerFieldValue = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type AppmixerFileFilter = {
  /** Matches file names (a regular expression, as Appmixer's filename:~ filter). */
  filename?: InputMaybe<Scalars['String']['input']>;
  includeComponentSourceFiles?: InputMaybe<Scalars['Boolean']['input']>;
};

export type AppmixerFileSort = {
  direction: AppmixerSortDirection;
  field: AppmixerFileSortField;
};

export type AppmixerFileSortField =
  | 'FILENAME'
  | 'SIZE'
  | 'UPLOADED_AT';

export type AppmixerFlowFilter = {
  /** Custom metadata fields that must have these values (customFields.<name>:<value>). */
  customFields?: InputMaybe<Array<AppmixerFieldValue>>;
  /** Only flows shared with the user with these permissions. */
  sharedWithPermissions?: InputMaybe<Array<AppmixerFlowPermission>>;
  stage?: InputMaybe<AppmixerFlowStage>;
  /** Flows of this user (other users' flows need an admin). */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** What a user a flow is shared with may do. */
export type AppmixerFlowPermission =
  | 'READ'
  | 'START'
  | 'STOP';

export type AppmixerFlowSort = {
  direction: AppmixerSortDirection;
  field: AppmixerFlowSortField;
};

export type AppmixerFlowSortField =
  | 'CREATED_AT'
  | 'NAME'
  | 'UPDATED_AT';

/** Whether a flow is running. */
export type AppmixerFlowStage =
  | 'RUNNING'
  | 'STOPPED';

export type AppmixerLogFilter = {
  /** Logs of these flows (all of the user's flows when omitted). */
  flowIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Entries at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  portType?: InputMaybe<AppmixerPortType>;
  /** Entries at or before this instant. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AppmixerPortType =
  | 'IN'
  | 'OUT';

export type AppmixerSortDirection =
  | 'ASC'
  | 'DESC';

export type AppmixerStoreRecordSort = {
  direction: AppmixerSortDirection;
  field: AppmixerStoreRecordSortField;
};

export type AppmixerStoreRecordSortField =
  | 'CREATED_AT'
  | 'KEY'
  | 'UPDATED_AT';

export type AppmixerTaskFilter = {
  /** Matches the title. */
  pattern?: InputMaybe<Scalars['String']['input']>;
  /** Tasks where the user has this role (both when omitted). */
  role?: InputMaybe<AppmixerTaskRole>;
  status?: InputMaybe<AppmixerTaskStatus>;
};

export type AppmixerTaskRole =
  | 'APPROVER'
  | 'REQUESTER';

export type AppmixerTaskStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

export type AppmixerUpdateFlowInput = {
  customFields?: InputMaybe<Scalars['JSON']['input']>;
  descriptor?: InputMaybe<Scalars['JSON']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** What to deploy with a project (every field optional). */
export type FlowizeAddEnvironmentProjectInput = {
  /** All keystores of the project (then `keystores` must be omitted). */
  allKeystores?: InputMaybe<FlowizeProjectDataAction>;
  /** All tables of the project (then `tables` must be omitted). */
  allTables?: InputMaybe<FlowizeProjectDataAction>;
  /** All websites of the project (then `websites` must be omitted). */
  allWebsites?: InputMaybe<FlowizeProjectDataAction>;
  /** Update the project's whole file manager. */
  fileManager?: InputMaybe<Scalars['Boolean']['input']>;
  keystores?: InputMaybe<Array<FlowizeKeystoreDeployment>>;
  /** Copy the project from this environment instead of the Designer (it must hold a newer version). */
  sourceEnvironmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Update the project's static schema. */
  staticData?: InputMaybe<Scalars['Boolean']['input']>;
  tables?: InputMaybe<Array<FlowizeTableDeployment>>;
  websites?: InputMaybe<Array<FlowizeWebsiteDeployment>>;
};

/**
 * Certificate files, given as their text (PEM); the gateway uploads them as multipart files. Give a
 * `pem` bundle, or `certificate` and `privateKey` together (optionally with `chain`).
 */
export type FlowizeCertificateInput = {
  /** The domain certificate. */
  certificate?: InputMaybe<Scalars['String']['input']>;
  /** Root and intermediate certificates. */
  chain?: InputMaybe<Array<Scalars['String']['input']>>;
  /** A PEM file holding the certificate and its private key (and any chain). */
  pem?: InputMaybe<Scalars['String']['input']>;
  /** The certificate's private key. */
  privateKey?: InputMaybe<Scalars['String']['input']>;
};

export type FlowizeCreateEnvironmentInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** SS-A, SS-B, SS-C or SS-D. */
  package: Scalars['String']['input'];
  region: FlowizeRegion;
  /** IANA time zone (Flowize's default when omitted). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
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
  /** REST, SOAP (insertRecord) or SOAP_POST_RECORD; default from FLOWIZE_RECORD_TRANSPORT / FLOWIZE_TRANSPORT. */
  transport?: InputMaybe<FlowizeTransport>;
  /** Client-chosen uuid (only with a single record). */
  uuid?: InputMaybe<Scalars['ID']['input']>;
};

export type FlowizeDataFieldFilter = {
  name: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

export type FlowizeDataSchemaInput = {
  /** A sample data record matching the schema (an object or an array); the gateway base64-encodes it. */
  sampleRecord: Scalars['JSON']['input'];
  /** A JSON Schema (version 4) object; the gateway base64-encodes it. */
  schema: Scalars['JSON']['input'];
  /** Required by Flowize, although it does not use it. */
  url: Scalars['String']['input'];
};

export type FlowizeDateRange = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  type: FlowizeRecordDateType;
};

/** Status of an environment, as Flowize documents them. */
export type FlowizeEnvironmentStatus =
  /** Being built (after flowizeCreateEnvironment). */
  | 'CREATING'
  | 'DELETED'
  | 'DELETING'
  | 'ERROR'
  | 'READY'
  | 'UPDATING'
  | 'UPGRADED'
  /** A package, storage, version or optimization operation is running. */
  | 'UPGRADING';

/** A flow status to switch to (Flowize's X-Status values). */
export type FlowizeFlowStatus =
  /** Deactivate a flow. */
  | 'INACTIVE'
  /** Pause a running flow. */
  | 'PAUSED'
  /** Publish a draft flow. */
  | 'PUBLIC'
  /** Resume a paused flow. */
  | 'RUNNING';

export type FlowizeKeystoreDeployment = {
  action: FlowizeProjectDataAction;
  keystoreId: Scalars['String']['input'];
};

/** A keystore comparison (the documented keystore operators). */
export type FlowizeKeystoreOperator =
  /** = */
  | 'EQUAL'
  /** > */
  | 'GREATER'
  /** >= */
  | 'GREATER_OR_EQUAL'
  /** < */
  | 'LESS'
  /** <= */
  | 'LESS_OR_EQUAL'
  /** LIKE: % matches any run of characters, _ one character. */
  | 'LIKE'
  /** != (also written <>) */
  | 'NOT_EQUAL';

export type FlowizeKeystoreRuleInput = {
  /** `key` or a JSON path into the value such as `temp.average`. */
  field: Scalars['String']['input'];
  operator: FlowizeKeystoreOperator;
  value: Scalars['String']['input'];
};

export type FlowizeKeystoreSelectInput = {
  /** Name of the value in each row (default: the field itself). */
  alias?: InputMaybe<Scalars['String']['input']>;
  /** `key` (the entry's key), `*` (the whole value) or a JSON path into the value such as `temp.max`. */
  field: Scalars['String']['input'];
};

export type FlowizeKeystoreWhereInput = {
  condition?: InputMaybe<FlowizeSearchCondition>;
  rules: Array<FlowizeKeystoreRuleInput>;
};

export type FlowizeKeystoreWriteInput = {
  key: Scalars['String']['input'];
  keystoreId: Scalars['String']['input'];
  /** The value to store: any JSON (a string for RAW keystores). */
  value: Scalars['JSON']['input'];
};

export type FlowizeOrderType =
  | 'ASC'
  | 'DESC';

/** How project data is copied into an environment. */
export type FlowizeProjectDataAction =
  /** Deletes the environment's data, then inserts. */
  | 'DELETE_AND_INSERT'
  /** Inserts new data only; nothing is updated or deleted. */
  | 'INSERT'
  /** Inserts new data and updates matching data; nothing is deleted. */
  | 'INSERT_OR_UPDATE';

/** A queue action (Flowize's X-Queue-Status values). */
export type FlowizeQueueAction =
  /** delete-from-queue: take the records out of the queue (the records themselves stay). */
  | 'DELETE_FROM_QUEUE'
  /** execute-queue: run the queued records now. */
  | 'EXECUTE_QUEUE'
  /** pause-queue: hold the records in the queue. */
  | 'PAUSE_QUEUE'
  /** resume-and-continue: resume records from their error status and continue their flow. */
  | 'RESUME_AND_CONTINUE'
  /** resume-queue: put paused records back in the queue. */
  | 'RESUME_QUEUE';

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

/** Regions an environment can be created in. */
export type FlowizeRegion =
  | 'AMSTERDAM'
  | 'BANGALORE'
  | 'FRANKFURT'
  | 'LONDON'
  | 'NEW_YORK'
  | 'SAN_FRANCISCO'
  | 'SINGAPORE'
  | 'TORONTO';

/** How the rules of a search combine. */
export type FlowizeSearchCondition =
  | 'AND'
  | 'OR';

/** One column and its value (Flowize's `columns` form). */
export type FlowizeTableColumnInput = {
  name: Scalars['String']['input'];
  value?: InputMaybe<Scalars['JSON']['input']>;
};

export type FlowizeTableDeployment = {
  action: FlowizeProjectDataAction;
  name: Scalars['String']['input'];
};

export type FlowizeTableInsertInput = {
  /** The new row as a list of columns (give this or `row`). */
  columns?: InputMaybe<Array<FlowizeTableColumnInput>>;
  /** The new row as one JSON object of column → value (give this or `columns`). */
  row?: InputMaybe<Scalars['JSON']['input']>;
  table: Scalars['String']['input'];
};

/** A table comparison: every operator the table search documents. */
export type FlowizeTableOperator =
  | 'BEGINS_WITH'
  /** value is [low, high], inclusive. */
  | 'BETWEEN'
  | 'CONTAINS'
  | 'ENDS_WITH'
  /** = */
  | 'EQUAL'
  /** > */
  | 'GREATER'
  /** >= (the doc writes =>) */
  | 'GREATER_OR_EQUAL'
  /** value is a non-empty list. */
  | 'IN'
  /** No value. */
  | 'IS_EMPTY'
  /** No value. */
  | 'IS_NOT_EMPTY'
  /** < */
  | 'LESS'
  /** <= */
  | 'LESS_OR_EQUAL'
  | 'NOT_BEGINS_WITH'
  /** value is [low, high]. */
  | 'NOT_BETWEEN'
  | 'NOT_CONTAINS'
  | 'NOT_ENDS_WITH'
  /** != (also written <>) */
  | 'NOT_EQUAL'
  /** value is a non-empty list. */
  | 'NOT_IN';

export type FlowizeTableRuleInput = {
  /** Column name. */
  field: Scalars['String']['input'];
  operator: FlowizeTableOperator;
  /** A string or number; a [low, high] list for BETWEEN/NOT_BETWEEN; a list for IN/NOT_IN; none for IS_EMPTY/IS_NOT_EMPTY. */
  value?: InputMaybe<Scalars['JSON']['input']>;
};

export type FlowizeTableUpdateInput = {
  /** The new values as a list of columns (give this or `values`). */
  columns?: InputMaybe<Array<FlowizeTableColumnInput>>;
  /** The row to update. Without it, `where` picks the rows (at most `limit`). */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** With `where`: at most this many rows (1–100, Flowize's default 100). */
  limit?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderField?: InputMaybe<Scalars['String']['input']>;
  orderType?: InputMaybe<FlowizeOrderType>;
  table: Scalars['String']['input'];
  /** The new values as one JSON object of column → value (give this or `columns`). */
  values?: InputMaybe<Scalars['JSON']['input']>;
  /** Further conditions, or on their own the rows to update. */
  where?: InputMaybe<FlowizeTableWhereInput>;
};

export type FlowizeTableWhereInput = {
  condition?: InputMaybe<FlowizeSearchCondition>;
  rules: Array<FlowizeTableRuleInput>;
};

/** How to send new records. */
export type FlowizeTransport =
  /** REST POST /record. */
  | 'REST'
  /** The SOAP API's insertRecord (API key in the AuthenticationObject, the record base64 in Data). */
  | 'SOAP'
  /** The older SOAP postRecord message (the record as a Customer object, a session token in the SOAP header). */
  | 'SOAP_POST_RECORD';

export type FlowizeUpdateEnvironmentInput = {
  /** Installs a new certificate. */
  certificate?: InputMaybe<FlowizeCertificateInput>;
  /** Removes the installed certificate. */
  deleteCertificate?: InputMaybe<Scalars['Boolean']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** What an upgrade changes: exactly one of a higher package or more storage. */
export type FlowizeUpgradeEnvironmentInput = {
  /** GB of storage to add (Flowize currently adds 100 GB at a time). */
  addStorageGb?: InputMaybe<Scalars['Int']['input']>;
  /** The package to upgrade to (SS-B, SS-C, SS-D). */
  package?: InputMaybe<Scalars['String']['input']>;
};

export type FlowizeUrlMappingInput = {
  /** The website's slug or the hosted page's name. */
  name: Scalars['String']['input'];
  /** A project hosted in the environment. */
  projectId: Scalars['ID']['input'];
  type: FlowizeUrlMappingType;
  /** Relative URL starting with /; mapping a URL again moves it. */
  url: Scalars['String']['input'];
};

export type FlowizeUrlMappingType =
  | 'HOSTED_PAGE'
  | 'WEBSITE';

export type FlowizeUrlUnmappingInput = {
  projectId: Scalars['ID']['input'];
  type: FlowizeUrlMappingType;
  url: Scalars['String']['input'];
};

export type FlowizeWebsiteDeployment = {
  action: FlowizeProjectDataAction;
  slug: Scalars['String']['input'];
};

export type FlxpointAddOrderItemInput = {
  listingVariantId?: InputMaybe<Scalars['ID']['input']>;
  price?: InputMaybe<Scalars['Float']['input']>;
  /** One of productVariantId / listingVariantId is needed. */
  productVariantId?: InputMaybe<Scalars['ID']['input']>;
  quantity: Scalars['Int']['input'];
  shippingAddress?: InputMaybe<FlxpointAddressInput>;
};

export type FlxpointAddressInput = {
  addressLine1?: InputMaybe<Scalars['String']['input']>;
  addressLine2?: InputMaybe<Scalars['String']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  companyName?: InputMaybe<Scalars['String']['input']>;
  countryCode?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  postal?: InputMaybe<Scalars['String']['input']>;
  stateCode?: InputMaybe<Scalars['String']['input']>;
};

export type FlxpointAdjustFulfillmentRequestInput = {
  cancelUnacknowledgedItemQuantity?: InputMaybe<Scalars['Boolean']['input']>;
  /** Empty or omitted: every remaining quantity is acknowledged. */
  items?: InputMaybe<Array<FlxpointAdjustItemInput>>;
  killOrFill?: InputMaybe<FlxpointKillOrFill>;
};

export type FlxpointAdjustItemInput = {
  acknowledgedQuantity?: InputMaybe<Scalars['Int']['input']>;
  cancelledQuantity?: InputMaybe<Scalars['Int']['input']>;
  /** The fulfillment request item id (or give sku). */
  id?: InputMaybe<Scalars['ID']['input']>;
  secondaryAcknowledgedQuantity?: InputMaybe<Scalars['Int']['input']>;
  sku?: InputMaybe<Scalars['String']['input']>;
};

export type FlxpointChannelType =
  /** flxpoint.api.dealers: a reseller (B2B) channel */
  | 'RESELLER'
  /** flxpoint.api.custom: a sales (B2C) channel */
  | 'SALES';

export type FlxpointConnectionConfigInput = {
  handle: Scalars['String']['input'];
  value?: InputMaybe<Scalars['String']['input']>;
};

export type FlxpointConnectionInput = {
  configs?: InputMaybe<Array<FlxpointConnectionConfigInput>>;
  /** The connection type's handle. */
  connectionType: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type FlxpointCreateChannelInput = {
  allowBackorder?: InputMaybe<Scalars['Boolean']['input']>;
  /** Flxpoint's default is false. */
  autoGeneratePoOnImport?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not Authorized, Authorized, Paid, Deferred, Refunded, … */
  channelInvoiceDefaultStatus?: InputMaybe<Scalars['String']['input']>;
  channelType: FlxpointChannelType;
  description?: InputMaybe<Scalars['String']['input']>;
  inStoreOrder?: InputMaybe<Scalars['Boolean']['input']>;
  listingStatusWorkflowEventId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  /** Flxpoint's default is true. */
  paymentCollection?: InputMaybe<Scalars['Boolean']['input']>;
  pricingWorkflowEventId?: InputMaybe<Scalars['ID']['input']>;
  primary?: InputMaybe<Scalars['Boolean']['input']>;
};

export type FlxpointCreateShipmentInput = {
  allowDuplicateTrackingNumbers?: InputMaybe<Scalars['Boolean']['input']>;
  carrier?: InputMaybe<Scalars['String']['input']>;
  customFields?: InputMaybe<Array<FlxpointNameValueInput>>;
  /** One of fulfillmentRequestId / fulfillmentRequestNumber. */
  fulfillmentRequestId?: InputMaybe<Scalars['ID']['input']>;
  fulfillmentRequestNumber?: InputMaybe<Scalars['String']['input']>;
  items: Array<FlxpointShipmentItemInput>;
  method?: InputMaybe<Scalars['String']['input']>;
  shippedAt?: InputMaybe<Scalars['DateTime']['input']>;
  shippingCost?: InputMaybe<Scalars['Float']['input']>;
  /** The shipping source: picks its token, or is sent along with the Account token. */
  sourceId?: InputMaybe<Scalars['ID']['input']>;
  suppressed?: InputMaybe<Scalars['Boolean']['input']>;
  trackingNumber: Scalars['String']['input'];
  trackingUrl?: InputMaybe<Scalars['String']['input']>;
};

export type FlxpointCustomFieldsMode =
  | 'DELETE_ALL'
  | 'DELETE_INCLUDED'
  | 'MERGE'
  | 'NONE'
  | 'UPDATE';

export type FlxpointFlagShipmentsInput = {
  shipments: Array<FlxpointShipmentErrorInput>;
  sourceId?: InputMaybe<Scalars['ID']['input']>;
};

export type FlxpointFulfillmentRequestFilter = {
  acknowledged?: InputMaybe<Scalars['Boolean']['input']>;
  fulfillmentStatuses?: InputMaybe<Array<FlxpointFulfillmentStatus>>;
  invoiced?: InputMaybe<Scalars['Boolean']['input']>;
  /** At most 50 fulfillment request numbers. */
  numbers?: InputMaybe<Array<Scalars['String']['input']>>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** Only requests with a higher id (Flxpoint's polling cursor). */
  sinceId?: InputMaybe<Scalars['ID']['input']>;
  sourceId?: InputMaybe<Scalars['ID']['input']>;
  statuses?: InputMaybe<Array<FlxpointFulfillmentRequestStatus>>;
};

/** Fulfillment request status (Flxpoint's status). */
export type FlxpointFulfillmentRequestStatus =
  | 'ACKNOWLEDGED'
  | 'ADDITIONAL_INFO_REQUIRED'
  | 'CANCELED'
  | 'FAILED'
  | 'PROCESSED'
  | 'PROCESSING'
  | 'UNPROCESSED'
  | 'VOIDED';

export type FlxpointFulfillmentStatus =
  | 'AWAITING_SHIPMENT'
  | 'CANCELED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED';

export type FlxpointImageInput = {
  position?: InputMaybe<Scalars['Int']['input']>;
  url: Scalars['String']['input'];
};

export type FlxpointInventoryVariantFilter = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** At most the page size; `ids` wins over `skus` when both are given. */
  skus?: InputMaybe<Array<Scalars['String']['input']>>;
  upcs?: InputMaybe<Array<Scalars['String']['input']>>;
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
};

export type FlxpointKillOrFill =
  /** Keep unacknowledged quantities open (Flxpoint's default). */
  | 'FILL'
  /** Cancel what is not acknowledged now. */
  | 'KILL';

/** How a list on an upserted parent or variant is applied. */
export type FlxpointListMode =
  | 'DELETE_INCLUDED'
  | 'MERGE'
  | 'NONE'
  | 'REPLACE';

/** How an inventory write treats a field: leave it, overwrite it, or overwrite it only with non-null values. */
export type FlxpointModifyMode =
  | 'NONE'
  | 'UPDATE'
  | 'UPDATE_NON_NULL';

export type FlxpointNameValueInput = {
  name: Scalars['String']['input'];
  value?: InputMaybe<Scalars['String']['input']>;
};

/** Flxpoint's change cursors: an order is listed when any of its parts changed after the given instant. */
export type FlxpointOrderChanges = {
  fulfillmentRequestsUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  orderUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  shipmentsUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Order status (Flxpoint's orderStatus). */
export type FlxpointOrderStatus =
  | 'CANCELED'
  | 'CLOSED'
  | 'DRAFT'
  | 'FAILED'
  | 'NOT_MANAGED'
  | 'NO_SHIPPING_METHOD'
  | 'ON_HOLD'
  | 'OPEN';

/**
 * A parent to create or update by sku. Fields left out are kept by Flxpoint; a field given as an
 * explicit null is sent as null, which clears it.
 */
export type FlxpointParentUpsertInput = {
  archived?: InputMaybe<Scalars['Boolean']['input']>;
  attributes?: InputMaybe<Array<FlxpointNameValueInput>>;
  customFields?: InputMaybe<Array<FlxpointNameValueInput>>;
  description?: InputMaybe<Scalars['String']['input']>;
  images?: InputMaybe<Array<FlxpointImageInput>>;
  manufacturer?: InputMaybe<Scalars['String']['input']>;
  options?: InputMaybe<Array<FlxpointNameValueInput>>;
  sku: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
  variants?: InputMaybe<Array<FlxpointVariantUpsertInput>>;
};

export type FlxpointParentUpsertModes = {
  attributes?: InputMaybe<FlxpointListMode>;
  parentCustomFields?: InputMaybe<FlxpointListMode>;
  parentImages?: InputMaybe<FlxpointListMode>;
  parentOptions?: InputMaybe<FlxpointListMode>;
  variantCustomFields?: InputMaybe<FlxpointListMode>;
  variantImages?: InputMaybe<FlxpointListMode>;
  variantOptions?: InputMaybe<FlxpointListMode>;
};

/** Progress of an order's acknowledgement or shipping. */
export type FlxpointProgress =
  | 'COMPLETED'
  | 'NOT_STARTED'
  | 'PARTIALLY_COMPLETED';

export type FlxpointShipmentErrorInput = {
  /** Why the shipment could not be synced. */
  error: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};

export type FlxpointShipmentFilter = {
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  fulfillmentRequestId?: InputMaybe<Scalars['ID']['input']>;
  orderId?: InputMaybe<Scalars['ID']['input']>;
  updatedAfter?: InputMaybe<Scalars['DateTime']['input']>;
};

export type FlxpointShipmentItemInput = {
  fulfillmentRequestItemId?: InputMaybe<Scalars['ID']['input']>;
  inventoryVariantId?: InputMaybe<Scalars['ID']['input']>;
  orderItemId?: InputMaybe<Scalars['ID']['input']>;
  quantity: Scalars['Int']['input'];
  /** Exactly one of sku / inventoryVariantId / orderItemId / fulfillmentRequestItemId. */
  sku?: InputMaybe<Scalars['String']['input']>;
};

export type FlxpointUpdateInventoryVariantsInput = {
  modes?: InputMaybe<FlxpointVariantUpdateModes>;
  /** The source the variants belong to (picks its token, or is sent with the Account token). */
  sourceId: Scalars['ID']['input'];
  /** Any number: sent to Flxpoint in chunks of at most 50. */
  variants: Array<FlxpointVariantUpdateInput>;
};

/** Only the fields given are changed. */
export type FlxpointUpdateShipmentInput = {
  carrier?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  method?: InputMaybe<Scalars['String']['input']>;
  shippedAt?: InputMaybe<Scalars['DateTime']['input']>;
  shippingCost?: InputMaybe<Scalars['Float']['input']>;
  sourceId?: InputMaybe<Scalars['ID']['input']>;
  suppressed?: InputMaybe<Scalars['Boolean']['input']>;
  trackingNumber?: InputMaybe<Scalars['String']['input']>;
  trackingUrl?: InputMaybe<Scalars['String']['input']>;
};

export type FlxpointUpsertInventoryParentsInput = {
  modes?: InputMaybe<FlxpointParentUpsertModes>;
  /** Any number: sent to Flxpoint in chunks of at most 20. */
  parents: Array<FlxpointParentUpsertInput>;
  sourceId: Scalars['ID']['input'];
};

/** Optional parts of an inventory variant, each asked of Flxpoint only when wanted. */
export type FlxpointVariantInclude = {
  attributes?: InputMaybe<Scalars['Boolean']['input']>;
  categories?: InputMaybe<Scalars['Boolean']['input']>;
  customAggregates?: InputMaybe<Scalars['Boolean']['input']>;
  customFields?: InputMaybe<Scalars['Boolean']['input']>;
  images?: InputMaybe<Scalars['Boolean']['input']>;
  linkedProductVariants?: InputMaybe<Scalars['Boolean']['input']>;
  options?: InputMaybe<Scalars['Boolean']['input']>;
  parent?: InputMaybe<Scalars['Boolean']['input']>;
};

export type FlxpointVariantUpdateInput = {
  cost?: InputMaybe<Scalars['Float']['input']>;
  customFields?: InputMaybe<Array<FlxpointNameValueInput>>;
  inventoryVariantId: Scalars['ID']['input'];
  map?: InputMaybe<Scalars['Float']['input']>;
  msrp?: InputMaybe<Scalars['Float']['input']>;
  quantity?: InputMaybe<Scalars['Int']['input']>;
  shippingCost?: InputMaybe<Scalars['Float']['input']>;
  sku: Scalars['String']['input'];
};

export type FlxpointVariantUpdateModes = {
  cost?: InputMaybe<FlxpointModifyMode>;
  customFields?: InputMaybe<FlxpointCustomFieldsMode>;
  map?: InputMaybe<FlxpointModifyMode>;
  msrp?: InputMaybe<FlxpointModifyMode>;
  quantity?: InputMaybe<FlxpointModifyMode>;
  shippingCost?: InputMaybe<FlxpointModifyMode>;
};

export type FlxpointVariantUpsertInput = {
  asin?: InputMaybe<Scalars['String']['input']>;
  cost?: InputMaybe<Scalars['Float']['input']>;
  customFields?: InputMaybe<Array<FlxpointNameValueInput>>;
  ean?: InputMaybe<Scalars['String']['input']>;
  images?: InputMaybe<Array<FlxpointImageInput>>;
  map?: InputMaybe<Scalars['Float']['input']>;
  masterSku?: InputMaybe<Scalars['String']['input']>;
  mpn?: InputMaybe<Scalars['String']['input']>;
  msrp?: InputMaybe<Scalars['Float']['input']>;
  options?: InputMaybe<Array<FlxpointNameValueInput>>;
  quantity?: InputMaybe<Scalars['Int']['input']>;
  sku: Scalars['String']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
  upc?: InputMaybe<Scalars['String']['input']>;
  weight?: InputMaybe<Scalars['Float']['input']>;
};

/** How PhixFlow answers the endpoint (the endpoint's API mode). */
export type PhixflowEndpointMode =
  /** Poll for result: the call returns a process id at once. */
  | 'POLL'
  /** Wait for result: the call returns the outcome. */
  | 'WAIT';

/** How the caller wants the invocation. */
export type PhixflowMode =
  /** Return the process id at once (poll-mode endpoints only). */
  | 'ASYNC'
  /** Return the outcome: wait in the call, or poll server-side until done or the deadline. */
  | 'SYNC';

export type PhixflowStatus =
  | 'FAIL'
  /** Still running: query phixflow.invocation with the process id. */
  | 'PENDING'
  | 'SUCCESS';

/** A client role; each includes the ones before it. */
export type Role =
  /** Everything, including environment and connection administration. */
  | 'ADMIN'
  /** Queries and mutations. */
  | 'OPERATOR'
  /** Queries. */
  | 'READER';

/** The state of a vendor's circuit breaker. */
export type VendorBreakerState =
  /** Calls flow normally. */
  | 'CLOSED'
  /** The breaker lets one probe call through: its success closes the breaker, its failure opens it again. */
  | 'HALF_OPEN'
  /** Too many recent calls failed: the vendor's fields fail fast with VENDOR_UNAVAILABLE (or serve stale cached data) until a probe succeeds. */
  | 'OPEN';

/** How the gateway reaches a vendor. */
export type VendorMode =
  /** The vendor's real API. */
  | 'LIVE'
  /** Settings are missing: every field of this vendor answers VENDOR_NOT_CONFIGURED. */
  | 'NOT_CONFIGURED'
  /** The built-in simulator (no vendor account needed). */
  | 'SANDBOX';

export type AppmixerFlowsQueryVariables = Exact<{
  stage?: InputMaybe<AppmixerFlowStage>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AppmixerFlowsQuery = { __typename?: 'Query', appmixer?: { __typename?: 'AppmixerQuery', flows?: { __typename?: 'AppmixerFlowConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'AppmixerFlow', id: string, name?: string | null, stage: AppmixerFlowStage, updatedAt?: string | null, components: Array<{ __typename?: 'AppmixerFlowComponent', id: string, type: string, label?: string | null }> }> } | null } | null };

export type AppmixerLogsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AppmixerLogsQuery = { __typename?: 'Query', appmixer?: { __typename?: 'AppmixerQuery', logs?: { __typename?: 'AppmixerLogConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'AppmixerLogEntry', timestamp?: string | null, severity?: string | null, portType?: AppmixerPortType | null, componentType?: string | null, message?: unknown | null, flow?: { __typename?: 'AppmixerFlow', name?: string | null } | null }> } | null } | null };

export type AppmixerPendingTasksQueryVariables = Exact<{ [key: string]: never; }>;


export type AppmixerPendingTasksQuery = { __typename?: 'Query', appmixer?: { __typename?: 'AppmixerQuery', tasks?: { __typename?: 'AppmixerTaskConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'AppmixerTask', id: string, title?: string | null, requester?: string | null, approver?: string | null, decisionBy?: string | null, status: AppmixerTaskStatus }> } | null } | null };

export type AppmixerStoresQueryVariables = Exact<{ [key: string]: never; }>;


export type AppmixerStoresQuery = { __typename?: 'Query', appmixer?: { __typename?: 'AppmixerQuery', stores?: Array<{ __typename?: 'AppmixerStore', id: string, name: string, recordCount: number, records?: { __typename?: 'AppmixerStoreRecordConnection', nodes: Array<{ __typename?: 'AppmixerStoreRecord', key: string, value?: unknown | null, updatedAt?: string | null }> } | null }> | null } | null };

export type FlexipimProductsQueryVariables = Exact<{
  channel?: Scalars['ID']['input'];
  language?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FlexipimProductsQuery = { __typename?: 'Query', flexipim?: { __typename?: 'FlexipimQuery', products?: { __typename?: 'FlexipimProductConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'FlexipimProduct', id: string, sku?: string | null, name?: string | null, status?: string | null, families: Array<{ __typename?: 'FlexipimFamily', code?: string | null, name?: string | null }>, categories: Array<{ __typename?: 'FlexipimCategory', code?: string | null, name?: string | null }>, attributes: Array<{ __typename?: 'FlexipimAttributeValue', code: string, value?: unknown | null, attribute?: { __typename?: 'FlexipimAttribute', name?: string | null, type?: string | null } | null }> }> } | null } | null };

export type FlexipimFamiliesQueryVariables = Exact<{
  channel?: Scalars['ID']['input'];
  language?: InputMaybe<Scalars['String']['input']>;
}>;


export type FlexipimFamiliesQuery = { __typename?: 'Query', flexipim?: { __typename?: 'FlexipimQuery', families?: { __typename?: 'FlexipimFamilyConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'FlexipimFamily', id: string, code?: string | null, name?: string | null, attributeGroups: Array<{ __typename?: 'FlexipimAttributeGroup', code?: string | null, name?: string | null, attributes: Array<{ __typename?: 'FlexipimAttribute', code: string, name?: string | null, type?: string | null, required?: boolean | null }> }> }> } | null } | null };

export type FlexipimConnectionCheckQueryVariables = Exact<{ [key: string]: never; }>;


export type FlexipimConnectionCheckQuery = { __typename?: 'Query', flexipim?: { __typename?: 'FlexipimQuery', connectionCheck?: { __typename?: 'FlexipimConnectionCheck', connected: boolean, message?: string | null } | null } | null };

export type FlowizeRecentRecordsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FlowizeRecentRecordsQuery = { __typename?: 'Query', flowize?: { __typename?: 'FlowizeQuery', records?: { __typename?: 'FlowizeRecordConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'FlowizeRecordEdge', cursor: string, node: { __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, flowName?: string | null, createdAt?: string | null, currentStep?: { __typename?: 'FlowizeStep', type?: string | null, text?: string | null } | null, flow?: { __typename?: 'FlowizeFlowDiagram', flowName: string, description?: string | null } | null } }> } | null } | null };

export type FlowizeRecordsByFlowQueryVariables = Exact<{
  flowName?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<FlowizeRecordStatus>;
}>;


export type FlowizeRecordsByFlowQuery = { __typename?: 'Query', flowize?: { __typename?: 'FlowizeQuery', records?: { __typename?: 'FlowizeRecordConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, lastRunAt?: string | null, runCount?: number | null }> } | null } | null };

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


export type FlowizeCreateRecordMutation = { __typename?: 'Mutation', flowizeCreateRecords?: { __typename?: 'FlowizeCreateRecordsPayload', uuids: Array<string>, alreadyExisted: boolean, records: Array<{ __typename?: 'FlowizeRecord', uuid: string, status?: FlowizeRecordStatus | null, flowName?: string | null }> } | null };

export type FlxpointOrdersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type FlxpointOrdersQuery = { __typename?: 'Query', flxpoint?: { __typename?: 'FlxpointQuery', orders?: { __typename?: 'FlxpointOrderConnection', totalCount?: number | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'FlxpointOrder', id: string, orderNumber?: string | null, status?: FlxpointOrderStatus | null, total?: number | null, orderedAt?: string | null, shippingAddress?: { __typename?: 'FlxpointAddress', city?: string | null, country?: string | null } | null, items: Array<{ __typename?: 'FlxpointOrderItem', sku?: string | null, title?: string | null, quantity?: number | null, price?: number | null }> }> } | null } | null };

export type FlxpointOrderQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FlxpointOrderQuery = { __typename?: 'Query', flxpoint?: { __typename?: 'FlxpointQuery', order?: { __typename?: 'FlxpointOrder', orderNumber?: string | null, status?: FlxpointOrderStatus | null, fulfillmentRequests: Array<{ __typename?: 'FlxpointFulfillmentRequest', id: string }>, shipments: Array<{ __typename?: 'FlxpointShipment', id: string }> } | null } | null };

export type FlxpointInventoryQueryVariables = Exact<{
  sourceId?: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type FlxpointInventoryQuery = { __typename?: 'Query', flxpoint?: { __typename?: 'FlxpointQuery', inventoryVariants?: { __typename?: 'FlxpointInventoryVariantConnection', totalCount?: number | null, nodes: Array<{ __typename?: 'FlxpointInventoryVariant', id: string, sku: string, title?: string | null, quantity?: number | null, cost?: number | null, msrp?: number | null }> } | null } | null };

export type FlxpointAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type FlxpointAccountQuery = { __typename?: 'Query', flxpoint?: { __typename?: 'FlxpointQuery', account?: { __typename?: 'FlxpointAccount', id: string, companyName?: string | null, subdomain?: string | null } | null, connections?: { __typename?: 'FlxpointConnectionConnection', nodes: Array<{ __typename?: 'FlxpointConnection', id: string, name?: string | null, connectionType?: string | null }> } | null } | null };

export type PhixflowEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type PhixflowEndpointsQuery = { __typename?: 'Query', phixflow?: { __typename?: 'PhixflowQuery', endpoints?: Array<{ __typename?: 'PhixflowEndpoint', name: string, application?: string | null, mode: PhixflowEndpointMode, timeoutMs: number, description?: string | null, inputs: Array<{ __typename?: 'PhixflowField', name: string, type?: string | null, required: boolean, description?: string | null }>, outputs: Array<{ __typename?: 'PhixflowField', name: string, type?: string | null }> }> | null } | null };

export type PhixflowCustomerLookupMutationVariables = Exact<{
  customerId?: InputMaybe<Scalars['String']['input']>;
}>;


export type PhixflowCustomerLookupMutation = { __typename?: 'Mutation', phixflowInvoke?: { __typename?: 'PhixflowInvocation', status: PhixflowStatus, processId?: string | null, message?: string | null, data?: unknown | null } | null };

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

export const AppmixerFlowsDocument = new TypedDocumentString(`
    query AppmixerFlows($stage: AppmixerFlowStage = RUNNING, $first: Int = 5) {
  appmixer {
    flows(filter: {stage: $stage}, first: $first) {
      totalCount
      nodes {
        id
        name
        stage
        updatedAt
        components {
          id
          type
          label
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AppmixerFlowsQuery, AppmixerFlowsQueryVariables>;
export const AppmixerLogsDocument = new TypedDocumentString(`
    query AppmixerLogs($first: Int = 10) {
  appmixer {
    logs(first: $first) {
      totalCount
      nodes {
        timestamp
        severity
        portType
        componentType
        message
        flow {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AppmixerLogsQuery, AppmixerLogsQueryVariables>;
export const AppmixerPendingTasksDocument = new TypedDocumentString(`
    query AppmixerPendingTasks {
  appmixer {
    tasks(filter: {status: PENDING}, first: 10) {
      totalCount
      nodes {
        id
        title
        requester
        approver
        decisionBy
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AppmixerPendingTasksQuery, AppmixerPendingTasksQueryVariables>;
export const AppmixerStoresDocument = new TypedDocumentString(`
    query AppmixerStores {
  appmixer {
    stores {
      id
      name
      recordCount
      records(first: 3) {
        nodes {
          key
          value
          updatedAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AppmixerStoresQuery, AppmixerStoresQueryVariables>;
export const FlexipimProductsDocument = new TypedDocumentString(`
    query FlexipimProducts($channel: ID! = "1", $language: String = "en", $first: Int = 5, $after: String) {
  flexipim {
    products(channel: $channel, language: $language, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        sku
        name
        status
        families {
          code
          name
        }
        categories {
          code
          name
        }
        attributes {
          code
          value
          attribute {
            name
            type
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlexipimProductsQuery, FlexipimProductsQueryVariables>;
export const FlexipimFamiliesDocument = new TypedDocumentString(`
    query FlexipimFamilies($channel: ID! = "1", $language: String = "de") {
  flexipim {
    families(channel: $channel, language: $language, first: 5) {
      totalCount
      nodes {
        id
        code
        name
        attributeGroups {
          code
          name
          attributes {
            code
            name
            type
            required
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlexipimFamiliesQuery, FlexipimFamiliesQueryVariables>;
export const FlexipimConnectionCheckDocument = new TypedDocumentString(`
    query FlexipimConnectionCheck {
  flexipim {
    connectionCheck {
      connected
      message
    }
  }
}
    `) as unknown as TypedDocumentString<FlexipimConnectionCheckQuery, FlexipimConnectionCheckQueryVariables>;
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
export const FlxpointOrdersDocument = new TypedDocumentString(`
    query FlxpointOrders($first: Int = 5) {
  flxpoint {
    orders(first: $first) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        orderNumber
        status
        total
        orderedAt
        shippingAddress {
          city
          country
        }
        items {
          sku
          title
          quantity
          price
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlxpointOrdersQuery, FlxpointOrdersQueryVariables>;
export const FlxpointOrderDocument = new TypedDocumentString(`
    query FlxpointOrder($id: ID!) {
  flxpoint {
    order(id: $id) {
      orderNumber
      status
      fulfillmentRequests {
        id
      }
      shipments {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlxpointOrderQuery, FlxpointOrderQueryVariables>;
export const FlxpointInventoryDocument = new TypedDocumentString(`
    query FlxpointInventory($sourceId: ID! = "101", $first: Int = 10) {
  flxpoint {
    inventoryVariants(sourceId: $sourceId, first: $first) {
      totalCount
      nodes {
        id
        sku
        title
        quantity
        cost
        msrp
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlxpointInventoryQuery, FlxpointInventoryQueryVariables>;
export const FlxpointAccountDocument = new TypedDocumentString(`
    query FlxpointAccount {
  flxpoint {
    account {
      id
      companyName
      subdomain
    }
    connections(first: 10) {
      nodes {
        id
        name
        connectionType
      }
    }
  }
}
    `) as unknown as TypedDocumentString<FlxpointAccountQuery, FlxpointAccountQueryVariables>;
export const PhixflowEndpointsDocument = new TypedDocumentString(`
    query PhixflowEndpoints {
  phixflow {
    endpoints {
      name
      application
      mode
      timeoutMs
      description
      inputs {
        name
        type
        required
        description
      }
      outputs {
        name
        type
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PhixflowEndpointsQuery, PhixflowEndpointsQueryVariables>;
export const PhixflowCustomerLookupDocument = new TypedDocumentString(`
    mutation PhixflowCustomerLookup($customerId: String = "C-1001") {
  phixflowInvoke(endpoint: "customer-lookup", input: {customerId: $customerId}) {
    status
    processId
    message
    data
  }
}
    `) as unknown as TypedDocumentString<PhixflowCustomerLookupMutation, PhixflowCustomerLookupMutationVariables>;
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