/**
 * Flowize resolvers: thin, typed by codegen. Vendor shapes are mapped in models.ts; records load
 * whichever half (search summary or GET /record detail) a query asks for through loaders.
 */
import { offsetConnection } from '../../connections.js';
import { formatWallClock } from '../../dates.js';
import { badUserInput } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import type { FlowizeRecordDateType, Resolvers } from '../../generated/graphql.js';
import { RECORD_SEARCH_MAX, TABLE_LIMIT_MAX, flowizeName, tableRowId } from './client.js';
import { keystoreEntryKey, tableRowKey } from './loaders.js';
import { detailOf, summaryOf } from './record-fields.js';
import {
  FLOW_STATUSES,
  moveRecordRow,
  queueActionRow,
  QUEUE_ACTIONS,
  recordStatusCode,
  recordTarget,
  summaryFields,
  toDeleteRecordPayload,
  toFlowDiagram,
  toRecordListPayload,
  toUpdateRecordPayload,
  toWebhookPayload,
  type FlowizeRecordModel,
} from './models.js';
import {
  checkDataSchemaInput,
  decodeKeystoreRows,
  tableRowFields,
  toDataSchema,
  toDataSchemaPayload,
  toKeystoreSearch,
  toTableColumns,
  toTableWhere,
  type FlowizeTableRowModel,
} from './models.js';

import type { FlowizeClient } from './client.js';
import {
  environmentStatusFromText,
  toDeleteEnvironmentPayload,
  toEnvironment,
  toEnvironmentChanges,
  toEnvironmentUpgrade,
  toNewEnvironment,
  toProject,
  toProjectDeployment,
  toSslCertificate,
  toUrlMapping,
  toUrlMappingChanges,
  environmentZone,
  type FlowizeEnvironmentData,
  type FlowizeUrlMappingData,
} from './models.js';

/** Most ids one `tableRows` field takes (10 searches). */
const TABLE_ROWS_MAX = 1000;

/**
 * An item of a list that failed on its own: graphql-js reports an Error found in a list as that
 * item's error (null in its place), which codegen's list type cannot express either.
 */
function listError<T>(error: Error): T {
  return error as unknown as T;
}

const DATE_TYPES: Record<FlowizeRecordDateType, 'date_created' | 'date_started' | 'date_last_run'> = {
  CREATED: 'date_created',
  STARTED: 'date_started',
  LAST_RUN: 'date_last_run',
};

const zone = (ctx: GatewayContext) => ctx.flowize.client.settings.timeZone;

/** The search half of a record, loaded when not already known. */
async function summary(r: FlowizeRecordModel, ctx: GatewayContext) {
  const s = r.summary ?? (await ctx.flowize.loaders.recordSummary.load(r.uuid));
  return s ? summaryOf(s, r.timeZone) : undefined;
}

/** The GET /record half of a record, loaded when not already known. */
async function detail(r: FlowizeRecordModel, ctx: GatewayContext) {
  const d = r.detail ?? (await ctx.flowize.loaders.recordDetail.load(r.uuid));
  return d ? detailOf(d, r.timeZone) : undefined;
}

// The field resolvers below answer synchronously when the half they read is at hand (a search
// result): a promise per field of every list item is what graphql-js then waits on, and most of
// a wide list's cost.

/** A field both halves carry: taken from whichever is at hand, else from the cheaper summary. */
function either<K extends 'flowId' | 'statusName' | 'createdAt' | 'startedAt' | 'lastRunAt'>(key: K) {
  return (r: FlowizeRecordModel, _: unknown, ctx: GatewayContext) => {
    if (r.summary) return summaryOf(r.summary, r.timeZone)[key];
    if (r.detail) return detailOf(r.detail, r.timeZone)[key];
    return summary(r, ctx).then((s) => s?.[key] ?? null);
  };
}

function fromSummary<K extends keyof ReturnType<typeof summaryFields>>(key: K) {
  return (r: FlowizeRecordModel, _: unknown, ctx: GatewayContext) =>
    r.summary ? (summaryOf(r.summary, r.timeZone)[key] ?? null) : summary(r, ctx).then((s) => s?.[key] ?? null);
}

/** A table row field from the row's own columns, mapped once per row. */
function fromRow<K extends keyof ReturnType<typeof tableRowFields>>(key: K) {
  return (m: FlowizeTableRowModel) => tableRowFields(m)[key];
}

/** The data schema as Flowize now reports it (one getSchema per request). */
async function currentDataSchema(ctx: GatewayContext) {
  const r = await ctx.flowize.loaders.dataSchema.load('schema');
  return r ? toDataSchema(r, zone(ctx)) : null;
}

/** Drops what this request's loaders know about records a write just changed. */
function forgetRecords(ctx: GatewayContext, uuids: readonly string[]): void {
  for (const uuid of uuids) {
    ctx.flowize.loaders.recordDetail.clear(uuid);
    ctx.flowize.loaders.recordSummary.clear(uuid);
  }
}

/** Runs an environment write, forgets what the request had read about it, and serves the answer. */
async function changedEnvironment(
  ctx: GatewayContext,
  id: string,
  write: (client: FlowizeClient) => Promise<FlowizeEnvironmentData>,
) {
  const data = await write(ctx.flowize.client);
  ctx.flowize.loaders.forgetEnvironment(id);
  return toEnvironment(data, zone(ctx));
}

/** Runs a URL mapping write and serves the mappings it answers with, in the environment's time zone. */
async function changedUrls(
  ctx: GatewayContext,
  id: string,
  write: (client: FlowizeClient) => Promise<FlowizeUrlMappingData[]>,
) {
  const urls = await write(ctx.flowize.client);
  ctx.flowize.loaders.forgetEnvironment(id);
  // The answer's dates are in the environment's zone, known from the list; the write stands even if that read fails.
  const env = await ctx.flowize.loaders.environment.load(id).catch(() => null);
  const tz = env ? environmentZone(env, zone(ctx)) : zone(ctx);
  return urls.map((u) => toUrlMapping(u, tz));
}

export const resolvers: Resolvers = {
  Query: {
    flowize: (_parent, _args, ctx) => (ctx.flowize, {}),
  },
  FlowizeQuery: {
    record: async (_p, { uuid }, ctx) => {
      const d = await ctx.flowize.loaders.recordDetail.load(uuid);
      return d ? { uuid, detail: d, timeZone: zone(ctx) } : null;
    },
    records: (_p, { filter, ...page }, ctx) => {
      if (filter?.dates && !filter.dates.from && !filter.dates.to) throw badUserInput('filter.dates needs from or to');
      const tz = zone(ctx);
      const query = {
        flowName: filter?.flowName ?? undefined,
        status: filter?.status ? recordStatusCode(filter.status) : undefined,
        dataFieldName: filter?.dataField?.name,
        dataFieldValue: filter?.dataField?.value,
        dateType: filter?.dates ? DATE_TYPES[filter.dates.type] : undefined,
        dateFrom: filter?.dates?.from ? formatWallClock(new Date(filter.dates.from), tz) : undefined,
        dateTo: filter?.dates?.to ? formatWallClock(new Date(filter.dates.to), tz) : undefined,
      };
      return offsetConnection(page, {
        maxPageSize: RECORD_SEARCH_MAX,
        defaultSize: 10,
        fetch: async (offset, limit) => {
          const result = await ctx.flowize.client.searchRecords(query, offset, limit);
          for (const s of result.records) ctx.flowize.loaders.recordSummary.prime(s.uuid, s);
          return {
            items: result.records.map((s): FlowizeRecordModel => ({ uuid: s.uuid, summary: s, timeZone: tz })),
            total: result.total === undefined ? undefined : Number(result.total),
          };
        },
      });
    },
    apiMethods: async (_p, _a, ctx) =>
      (await ctx.flowize.client.listMethods()).map((m) => ({
        method: String(m.method ?? ''),
        endpoint: String(m.endpoint ?? ''),
        usage: m.usage ?? null,
      })),
    flowDiagram: async (_p, { flowName }, ctx) => {
      const d = await ctx.flowize.loaders.flowDiagram.load(flowName);
      return d ? toFlowDiagram(d, flowName) : null;
    },
    // @area data-schema queries
    dataSchema: (_p, _a, ctx) => currentDataSchema(ctx),
    // @area keystore queries
    keystoreEntry: async (_p, { keystoreId, key }, ctx) => {
      const entry = await ctx.flowize.loaders.keystoreEntry.load(keystoreEntryKey(keystoreId, key));
      return entry ? { keystoreId, key, value: entry.value } : null;
    },
    keystoreSearch: async (_p, { keystoreId, select, where }, ctx) => {
      const search = toKeystoreSearch(select, where);
      return decodeKeystoreRows(await ctx.flowize.client.searchKeystore(keystoreId, search), search);
    },
    // @area tables queries
    tableRow: async (_p, { table, id }, ctx) => {
      const row = await ctx.flowize.loaders.tableRow.load(tableRowKey(table, id));
      return row ? { table, row, timeZone: zone(ctx) } : null;
    },
    tableRows: (_p, { table, ids }, ctx) => {
      if (ids.length > TABLE_ROWS_MAX) throw badUserInput(`ids takes at most ${TABLE_ROWS_MAX} ids`);
      const keys = ids.map((id) => tableRowKey(table, id));
      const timeZone = zone(ctx);
      // One promise for the list (not one per id for graphql-js to wait on), and a failed batch
      // still fails its own rows only: its ids hold an Error, which graphql-js turns into that
      // item's error while the rest arrive.
      return ctx.flowize.loaders.tableRow
        .loadMany(keys)
        .then((rows) =>
          rows.map((row) => (row instanceof Error ? listError(row) : row ? { table, row, timeZone } : null)),
        );
    },
    tableSearch: (_p, { table, where, orderField, orderType, ...page }, ctx) => {
      flowizeName(table, 'table');
      if (orderField !== undefined && orderField !== null && orderField.trim() === '')
        throw badUserInput('orderField must not be empty');
      const search = {
        where: toTableWhere(where),
        order_field: orderField ?? undefined,
        order_type: orderType ?? undefined,
      };
      const tz = zone(ctx);
      return offsetConnection(page, {
        maxPageSize: TABLE_LIMIT_MAX,
        defaultSize: TABLE_LIMIT_MAX,
        fetch: async (offset, limit) => {
          const result = await ctx.flowize.client.searchTable(table, { ...search, limit, offset });
          for (const row of result.rows) ctx.flowize.loaders.tableRow.prime(tableRowKey(table, String(row.id)), row);
          return {
            items: result.rows.map((row): FlowizeTableRowModel => ({ table, row, timeZone: tz })),
            total: result.maxResults,
          };
        },
      });
    },
    // @area environments queries
    environments: async (_p, _a, ctx) =>
      (await ctx.flowize.loaders.environmentList()).map((e) => toEnvironment(e, zone(ctx))),
    environment: async (_p, { id }, ctx) => {
      const e = await ctx.flowize.loaders.environment.load(id);
      return e ? toEnvironment(e, zone(ctx)) : null;
    },
  },
  // @area type resolvers (one key per GraphQL type)
  FlowizeEnvironment: {
    liveStatus: async (e, _a, ctx) =>
      environmentStatusFromText((await ctx.flowize.loaders.environmentStatus.load(e.id))?.status),
    projects: async (e, _a, ctx) =>
      (await ctx.flowize.loaders.environmentProjects.load(e.id)).map((p) => toProject(p, e.timeZone)),
    sslCertificate: async (e, _a, ctx) => {
      if (e.sslCertificate !== undefined) return e.sslCertificate;
      const detail = await ctx.flowize.loaders.environmentDetail.load(e.id);
      return detail?.ssl_certificate ? toSslCertificate(detail.ssl_certificate) : null;
    },
    urlMappings: async (e, _a, ctx) =>
      (await ctx.flowize.loaders.environmentUrls.load(e.id)).map((u) => toUrlMapping(u, e.timeZone)),
  },
  FlowizeDataSchemaPayload: {
    dataSchema: (_p, _a, ctx) => currentDataSchema(ctx),
    // SOAP insertSchema answers no dates (its Resource is empty): read back only when asked for.
    createdAt: async (p, _a, ctx) => p.createdAt ?? (await currentDataSchema(ctx))?.createdAt ?? null,
    modifiedAt: async (p, _a, ctx) => p.modifiedAt ?? (await currentDataSchema(ctx))?.modifiedAt ?? null,
  },
  FlowizeTableRow: {
    table: (m) => m.table,
    id: fromRow('id'),
    createdAt: fromRow('createdAt'),
    updatedAt: fromRow('updatedAt'),
    data: fromRow('data'),
    column: (m, { name }) => (Object.hasOwn(m.row, name) ? m.row[name] : null),
  },
  FlowizeTableUpdatePayload: {
    row: async (m, _a, ctx) => {
      if (m.id === undefined) return null;
      const row = await ctx.flowize.loaders.tableRow.load(tableRowKey(m.table, m.id));
      return row ? { table: m.table, row, timeZone: zone(ctx) } : null;
    },
  },
  FlowizeRecord: {
    uuid: (r) => r.uuid,
    id: fromSummary('id'),
    flowId: either('flowId'),
    flowName: (r, _a, ctx) => r.flowName ?? r.summary?.flow_name ?? summary(r, ctx).then((s) => s?.flowName ?? null),
    flowVersion: fromSummary('flowVersion'),
    status: fromSummary('status'),
    statusName: either('statusName'),
    createdAt: either('createdAt'),
    startedAt: either('startedAt'),
    lastRunAt: either('lastRunAt'),
    nextRunAt: fromSummary('nextRunAt'),
    currentStep: fromSummary('currentStep'),
    runCount: fromSummary('runCount'),
    queueStatus: fromSummary('queueStatus'),
    data: async (r, _a, ctx) => (r.data !== undefined ? r.data : ((await detail(r, ctx))?.data ?? null)),
    flow: async (r, _a, ctx) => {
      const name = r.flowName ?? r.summary?.flow_name ?? (await summary(r, ctx))?.flowName;
      if (!name) return null;
      const d = await ctx.flowize.loaders.flowDiagram.load(name);
      return d ? toFlowDiagram(d, name) : null;
    },
  },
  Mutation: {
    flowizeCreateRecords: async (_p, { input }, ctx) => {
      const { client } = ctx.flowize;
      if (input.records.length === 0) throw badUserInput('input.records must not be empty');
      if (input.records.length > 100) throw badUserInput('input.records takes at most 100 records per call');
      if (input.uuid && input.records.length > 1)
        throw badUserInput('input.uuid can only be given with a single record');
      const transport = input.transport ?? (client.settings.recordTransport === 'soap' ? 'SOAP' : 'REST');
      const executeAt = input.executeAt
        ? new Date(input.executeAt).toISOString().replace(/\.\d{3}Z$/, '+00:00')
        : undefined;
      const results = [];
      // One call per record, each under its own gateway-chosen uuid: safe to retry, never doubled.
      for (const record of input.records) {
        if (transport === 'SOAP_POST_RECORD' && (!record || typeof record !== 'object' || Array.isArray(record))) {
          throw badUserInput('postRecord records must be JSON objects (they become the Customer object)');
        }
        const target = recordTarget(input.flowName, input.uuid, executeAt);
        if (transport === 'SOAP_POST_RECORD')
          results.push(await client.soap.postRecord(target, record as Record<string, unknown>));
        else if (transport === 'SOAP') results.push(await client.soap.insertRecord(target, record));
        else results.push(await client.createRecord(target, record));
      }
      const tz = zone(ctx);
      return {
        uuids: results.map((r) => r.uuid),
        flowName: results[0]?.created?.flow_name ?? input.flowName,
        dataRecordIds: results.flatMap((r) =>
          r.created?.data_record_id !== undefined ? [String(r.created.data_record_id)] : [],
        ),
        message: results.at(-1)?.message ?? null,
        alreadyExisted: results.some((r) => r.alreadyExisted),
        records: results.map((r, i): FlowizeRecordModel => ({
          uuid: r.uuid,
          flowName: input.flowName,
          timeZone: tz,
          ...(r.alreadyExisted ? {} : { data: input.records[i] }),
        })),
      };
    },
    // @area record mutations
    flowizeUpdateRecord: async (_p, { uuid, data }, ctx) => {
      const result = await ctx.flowize.client.updateRecord(uuid, data);
      forgetRecords(ctx, [uuid]);
      return toUpdateRecordPayload(uuid, data, result, zone(ctx));
    },
    flowizeDeleteRecord: async (_p, { uuid }, ctx) => {
      const result = await ctx.flowize.client.deleteRecord(uuid);
      forgetRecords(ctx, [uuid]);
      return toDeleteRecordPayload(uuid, result);
    },
    flowizeChangeQueueStatus: async (_p, { uuids, action }, ctx) => {
      const result = await ctx.flowize.client.changeQueueStatus(uuids, QUEUE_ACTIONS[action]);
      forgetRecords(ctx, uuids);
      return toRecordListPayload({ action }, uuids, result, zone(ctx), queueActionRow);
    },
    flowizeMoveRecords: async (_p, { uuids, targetFlow }, ctx) => {
      const result = await ctx.flowize.client.moveRecords(uuids, targetFlow);
      forgetRecords(ctx, uuids);
      return toRecordListPayload({ targetFlow }, uuids, result, zone(ctx), moveRecordRow);
    },
    flowizePostWebhook: async (_p, { webhookUri, payload }, ctx) =>
      toWebhookPayload(await ctx.flowize.client.postWebhook(webhookUri, payload), zone(ctx)),
    flowizeChangeFlowStatus: async (_p, { flowId, status }, ctx) => {
      const { message } = await ctx.flowize.client.changeFlowStatus(flowId, FLOW_STATUSES[status]);
      ctx.flowize.loaders.flowDiagram.clearAll();
      return { flowId, status, message };
    },
    // @area data-schema mutations
    flowizeCreateDataSchema: async (_p, { input }, ctx) => {
      checkDataSchemaInput(input);
      const result = await ctx.flowize.client.createDataSchema(input.schema, input.sampleRecord, input.url);
      ctx.flowize.loaders.dataSchema.clearAll();
      return toDataSchemaPayload(result, zone(ctx));
    },
    flowizeUpdateDataSchema: async (_p, { input }, ctx) => {
      checkDataSchemaInput(input);
      const result = await ctx.flowize.client.updateDataSchema(input.schema, input.sampleRecord, input.url);
      ctx.flowize.loaders.dataSchema.clearAll();
      return toDataSchemaPayload(result, zone(ctx));
    },
    flowizeDeleteDataSchema: async (_p, _a, ctx) => {
      const result = await ctx.flowize.client.deleteDataSchema();
      ctx.flowize.loaders.dataSchema.clearAll();
      return result;
    },
    // @area keystore mutations
    flowizeKeystoreInsert: async (_p, { input: { keystoreId, key, value } }, ctx) => {
      const stored = await ctx.flowize.client.insertKeystoreEntry(keystoreId, key, value);
      ctx.flowize.loaders.keystoreEntry.clear(keystoreEntryKey(keystoreId, key));
      return { keystoreId, key, value: stored };
    },
    flowizeKeystoreUpsert: async (_p, { input: { keystoreId, key, value } }, ctx) => {
      const stored = await ctx.flowize.client.upsertKeystoreEntry(keystoreId, key, value);
      ctx.flowize.loaders.keystoreEntry.clear(keystoreEntryKey(keystoreId, key));
      return { keystoreId, key, value: stored };
    },
    flowizeKeystoreDelete: async (_p, { keystoreId, key }, ctx) => {
      const { message } = await ctx.flowize.client.deleteKeystoreEntry(keystoreId, key);
      ctx.flowize.loaders.keystoreEntry.clear(keystoreEntryKey(keystoreId, key));
      return { keystoreId, key, message };
    },
    // @area tables mutations
    flowizeTableInsert: async (_p, { input }, ctx) => {
      const values = toTableColumns(input.row, input.columns, { object: 'input.row', columns: 'input.columns' });
      const row = await ctx.flowize.client.insertTableRow(input.table, values, input.columns ? 'columns' : 'object');
      return { table: input.table, row, timeZone: zone(ctx) };
    },
    flowizeTableUpdate: async (_p, { input }, ctx) => {
      if (!input.id && !input.where) throw badUserInput('give input.id, input.where or both');
      if (input.limit !== undefined && input.limit !== null && (input.limit < 1 || input.limit > TABLE_LIMIT_MAX)) {
        throw badUserInput(`input.limit must be between 1 and ${TABLE_LIMIT_MAX}`);
      }
      if (input.offset !== undefined && input.offset !== null && input.offset < 0)
        throw badUserInput('input.offset must not be negative');
      const columns = toTableColumns(input.values, input.columns, { object: 'input.values', columns: 'input.columns' });
      const id = input.id ? tableRowId(input.id) : undefined;
      const { updated } = await ctx.flowize.client.updateTableRows(input.table, {
        id,
        columns,
        where: toTableWhere(input.where, 'input.where'),
        limit: input.limit ?? undefined,
        offset: input.offset ?? undefined,
        order_field: input.orderField ?? undefined,
        order_type: input.orderType ?? undefined,
      });
      // A where update may have touched any row this request has seen.
      if (id === undefined) ctx.flowize.loaders.tableRow.clearAll();
      else ctx.flowize.loaders.tableRow.clear(tableRowKey(input.table, id));
      return { table: input.table, updatedCount: updated, id };
    },
    flowizeTableDelete: async (_p, { table, id }, ctx) => {
      const { message } = await ctx.flowize.client.deleteTableRow(table, id);
      ctx.flowize.loaders.tableRow.clear(tableRowKey(table, id));
      return { table, id, message };
    },
    // @area environments mutations
    flowizeCreateEnvironment: async (_p, { input }, ctx) => {
      const created = await ctx.flowize.client.createEnvironment(toNewEnvironment(input));
      ctx.flowize.loaders.forgetEnvironment(String(created.id));
      return toEnvironment(created, zone(ctx));
    },
    flowizeUpdateEnvironment: (_p, { id, input }, ctx) =>
      changedEnvironment(ctx, id, (c) => c.updateEnvironment(id, toEnvironmentChanges(input))),
    flowizeDeleteEnvironment: async (_p, { id }, ctx) => {
      const data = await ctx.flowize.client.deleteEnvironment(id);
      ctx.flowize.loaders.forgetEnvironment(id);
      return toDeleteEnvironmentPayload(id, data);
    },
    flowizeUpgradeEnvironment: (_p, { id, input }, ctx) =>
      changedEnvironment(ctx, id, (c) => c.upgradeEnvironment(id, toEnvironmentUpgrade(input))),
    flowizeUpdateEnvironmentVersion: (_p, { id }, ctx) =>
      changedEnvironment(ctx, id, (c) => c.updateEnvironmentVersion(id)),
    flowizeOptimizeEnvironment: (_p, { id }, ctx) => changedEnvironment(ctx, id, (c) => c.optimizeEnvironment(id)),
    flowizeAddEnvironmentProject: (_p, { environmentId, projectId, input }, ctx) =>
      changedEnvironment(ctx, environmentId, (c) =>
        c.addEnvironmentProject(environmentId, projectId, toProjectDeployment(input)),
      ),
    flowizeRemoveEnvironmentProject: (_p, { environmentId, projectId }, ctx) =>
      changedEnvironment(ctx, environmentId, (c) => c.removeEnvironmentProject(environmentId, projectId)),
    flowizeMapEnvironmentUrls: (_p, { environmentId, mappings }, ctx) =>
      changedUrls(ctx, environmentId, (c) => c.mapEnvironmentUrls(environmentId, toUrlMappingChanges(mappings, true))),
    flowizeUnmapEnvironmentUrls: (_p, { environmentId, mappings }, ctx) =>
      changedUrls(ctx, environmentId, (c) =>
        c.unmapEnvironmentUrls(environmentId, toUrlMappingChanges(mappings, false)),
      ),
  },
};
