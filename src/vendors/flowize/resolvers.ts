/**
 * Flowize resolvers: thin, typed by codegen. Vendor shapes are mapped in models.ts; records load
 * whichever half (search summary or GET /record detail) a query asks for through loaders.
 */
import { offsetConnection } from '../../connections.js';
import { formatWallClock } from '../../dates.js';
import { badUserInput } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import type { FlowizeRecordDateType, Resolvers } from '../../generated/graphql.js';
import { RECORD_SEARCH_MAX } from './client.js';
import { detailFields, recordStatusCode, summaryFields, toFlowDiagram, type FlowizeRecordModel } from './models.js';

const DATE_TYPES: Record<FlowizeRecordDateType, 'date_created' | 'date_started' | 'date_last_run'> = {
  CREATED: 'date_created',
  STARTED: 'date_started',
  LAST_RUN: 'date_last_run',
};

const zone = (ctx: GatewayContext) => ctx.flowize.client.settings.timeZone;

/** The search half of a record, loaded when not already known. */
async function summary(r: FlowizeRecordModel, ctx: GatewayContext) {
  const s = r.summary ?? (await ctx.flowize.loaders.recordSummary.load(r.uuid));
  return s ? summaryFields(s, r.timeZone) : undefined;
}

/** The GET /record half of a record, loaded when not already known. */
async function detail(r: FlowizeRecordModel, ctx: GatewayContext) {
  const d = r.detail ?? (await ctx.flowize.loaders.recordDetail.load(r.uuid));
  return d ? detailFields(d, r.timeZone) : undefined;
}

/** A field both halves carry: taken from whichever is at hand, else from the cheaper summary. */
function either<K extends 'flowId' | 'statusName' | 'createdAt' | 'startedAt' | 'lastRunAt'>(key: K) {
  return async (r: FlowizeRecordModel, _: unknown, ctx: GatewayContext) => {
    if (r.summary) return summaryFields(r.summary, r.timeZone)[key];
    if (r.detail) return detailFields(r.detail, r.timeZone)[key];
    return (await summary(r, ctx))?.[key] ?? null;
  };
}

function fromSummary<K extends keyof ReturnType<typeof summaryFields>>(key: K) {
  return async (r: FlowizeRecordModel, _: unknown, ctx: GatewayContext) => (await summary(r, ctx))?.[key] ?? null;
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
    flowDiagram: async (_p, { flowName }, ctx) => {
      const d = await ctx.flowize.loaders.flowDiagram.load(flowName);
      return d ? toFlowDiagram(d, flowName) : null;
    },
    // @area data-schema queries
    // @area keystore queries
    // @area tables queries
    // @area environments queries
  },
  // @area type resolvers (one key per GraphQL type)
  FlowizeRecord: {
    uuid: (r) => r.uuid,
    id: fromSummary('id'),
    flowId: either('flowId'),
    flowName: async (r, _a, ctx) => r.flowName ?? r.summary?.flow_name ?? (await summary(r, ctx))?.flowName ?? null,
    flowVersion: fromSummary('flowVersion'),
    status: fromSummary('status'),
    statusName: either('statusName'),
    createdAt: either('createdAt'),
    startedAt: either('startedAt'),
    lastRunAt: either('lastRunAt'),
    nextRunAt: fromSummary('nextRunAt'),
    currentStep: fromSummary('currentStep'),
    runCount: fromSummary('runCount'),
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
      if (input.uuid && input.records.length > 1) throw badUserInput('input.uuid can only be given with a single record');
      const transport = input.transport ?? (client.settings.recordTransport === 'soap' ? 'SOAP' : 'REST');
      const executeAt = input.executeAt ? new Date(input.executeAt).toISOString().replace(/\.\d{3}Z$/, '+00:00') : undefined;
      const results = [];
      // One call per record, each under its own gateway-chosen uuid: safe to retry, never doubled.
      for (const record of input.records) {
        if (transport === 'SOAP' && (!record || typeof record !== 'object' || Array.isArray(record))) {
          throw badUserInput('SOAP records must be JSON objects');
        }
        results.push(
          transport === 'SOAP'
            ? await client.postRecordSoap(input.flowName, record as Record<string, unknown>, { uuid: input.uuid ?? undefined, executeAt })
            : await client.createRecord(input.flowName, record, { uuid: input.uuid ?? undefined, executeAt }),
        );
      }
      const tz = zone(ctx);
      return {
        uuids: results.map((r) => r.uuid),
        flowName: results[0]?.created?.flow_name ?? input.flowName,
        dataRecordIds: results.flatMap((r) => (r.created?.data_record_id !== undefined ? [String(r.created.data_record_id)] : [])),
        message: results.at(-1)?.message ?? null,
        alreadyExisted: results.some((r) => r.alreadyExisted),
        records: results.map((r, i): FlowizeRecordModel => ({ uuid: r.uuid, flowName: input.flowName, timeZone: tz, ...(r.alreadyExisted ? {} : { data: input.records[i] }) })),
      };
    },
    // @area record mutations
    // @area data-schema mutations
    // @area keystore mutations
    // @area tables mutations
    // @area environments mutations
  },
};
