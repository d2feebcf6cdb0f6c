/**
 * Appmixer resolvers: thin, typed by codegen. Vendor shapes are mapped in models.ts; flows load
 * their descriptor, logs and app components through the request's loaders.
 */
import { offsetConnection, tokenConnection, type ConnectionArgs } from '../../connections.js';
import { badUserInput } from '../../errors.js';
import type { GatewayContext } from '../../context.js';
import { mappedFields } from '../../kit/mapping.js';
import type {
  AppmixerFileSortField,
  AppmixerFlowSortField,
  AppmixerLogFilter,
  AppmixerSortDirection,
  AppmixerStoreRecordSortField,
  Resolvers,
} from '../../generated/graphql.js';
import { APPMIXER_LOG_PAGE_MAX, APPMIXER_PAGE_MAX } from './client.js';
import {
  componentFields,
  flowComponents,
  flowFields,
  logBuckets,
  logFields,
  logHits,
  queuedMessages,
  searchAfterOf,
  taskFields,
  type AppmixerFlowModel,
  type AppmixerFlowQuery,
} from './models.js';

const FLOW_SORT: Record<AppmixerFlowSortField, string> = { NAME: 'name', CREATED_AT: 'btime', UPDATED_AT: 'mtime' };
const RECORD_SORT: Record<AppmixerStoreRecordSortField, string> = {
  KEY: 'key',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
};
const FILE_SORT: Record<AppmixerFileSortField, string> = {
  FILENAME: 'filename',
  UPLOADED_AT: 'uploadDate',
  SIZE: 'length',
};
const sign = (d: AppmixerSortDirection) => (d === 'ASC' ? 1 : -1);

/** A Lucene range bound: quoted ISO instant, or open. */
function bound(value: unknown): string {
  if (value === undefined || value === null) return '*';
  const d = new Date(value as string);
  if (Number.isNaN(d.getTime())) throw badUserInput('from/to must be valid DateTime values');
  return `"${d.toISOString()}"`;
}

/** The sort values of a hit, checked when they come back inside a cursor. */
function searchAfter(token: unknown): unknown[] | undefined {
  if (token === undefined || token === null) return undefined;
  if (
    !Array.isArray(token) ||
    token.length !== 2 ||
    !token.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw badUserInput('after is not a valid cursor');
  }
  return token;
}

/**
 * A log connection over searchAfter paging: sorted by time then `_id` (the tiebreaker searchAfter
 * needs), one hit more than asked for to know whether another page exists.
 */
async function logConnection(
  ctx: GatewayContext,
  filter: AppmixerLogFilter,
  direction: AppmixerSortDirection,
  args: ConnectionArgs,
) {
  const dir = direction === 'ASC' ? 'asc' : 'desc';
  const query = filter.from || filter.to ? `gridTimestamp:[${bound(filter.from)} TO ${bound(filter.to)}]` : undefined;
  let buckets: ReturnType<typeof logBuckets> = [];
  const connection = await tokenConnection(args, {
    maxPageSize: APPMIXER_LOG_PAGE_MAX,
    defaultSize: 50,
    fetch: async (token, limit) => {
      const result = await ctx.appmixer.loaders.logs.load({
        flowIds: filter.flowIds?.length ? [...filter.flowIds].sort() : undefined,
        portTypes: filter.portType ? [filter.portType.toLowerCase()] : undefined,
        query,
        sort: [`gridTimestamp:${dir}`, `_id:${dir}`],
        size: limit + 1,
        searchAfter: searchAfter(token),
      });
      const hits = logHits(result);
      const page = hits.slice(0, limit);
      buckets = logBuckets(result.buckets);
      return {
        items: page.map(logFields),
        tokens: page.map((h) => searchAfterOf(h) ?? null),
        hasMore: hits.length > limit,
        total: buckets.reduce((sum, b) => sum + b.count, 0),
      };
    },
  });
  // Assigned, not spread: spreading would read the connection's lazy edges (src/lazy-edges.ts).
  return Object.assign(connection, { histogram: buckets });
}

/** The flow with its descriptor: the one at hand, else one GET /flows/:id per flow per request. */
async function fullFlow(f: AppmixerFlowModel, ctx: GatewayContext): Promise<AppmixerFlowModel> {
  if (f.flow) return f;
  return (await ctx.appmixer.loaders.flow.load(f.flowId)) ?? f;
}

/** Reads a flow back after a write, past whatever this request loaded before. */
async function reread(ctx: GatewayContext, flowId: string) {
  const flow = await ctx.appmixer.loaders.flow.clear(flowId).load(flowId);
  if (!flow) throw badUserInput(`appmixer has no flow ${flowId}`);
  return flow;
}

/**
 * An offset connection over one of Appmixer's list endpoints with its count endpoint: the count
 * is asked once, alongside the first page.
 */
function countedConnection<T>(
  page: ConnectionArgs,
  count: () => Promise<number>,
  list: (offset: number, limit: number) => Promise<T[]>,
) {
  let total: Promise<number> | undefined;
  return offsetConnection(page, {
    maxPageSize: APPMIXER_PAGE_MAX,
    fetch: async (offset, limit) => {
      total ??= count();
      const [items, n] = await Promise.all([list(offset, limit), total]);
      return { items, total: n };
    },
  });
}

function descriptor(value: unknown, arg: string) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw badUserInput(`${arg} must be a JSON object of components keyed by id`);
  return value;
}

export const resolvers: Resolvers = {
  Query: {
    appmixer: (_parent, _args, ctx) => (ctx.appmixer, {}),
  },
  AppmixerQuery: {
    flows: (_p, { filter, pattern, sort, ...page }, ctx) => {
      const query: AppmixerFlowQuery = {
        filter: [
          ...(filter?.stage ? [`stage:${filter.stage.toLowerCase()}`] : []),
          ...(filter?.userId ? [`userId:${filter.userId}`] : []),
          ...(filter?.customFields ?? []).map((f) => `customFields.${f.name}:${f.value}`),
        ],
        pattern: pattern ?? undefined,
        sort: sort ? `${FLOW_SORT[sort.field]}:${sign(sort.direction)}` : undefined,
        sharedWithPermissions: filter?.sharedWithPermissions?.length
          ? filter.sharedWithPermissions.map((p) => p.toLowerCase()).join(',')
          : undefined,
      };
      return countedConnection(
        page,
        () => ctx.appmixer.client.countFlows(query),
        (offset, limit) => ctx.appmixer.client.listFlows(query, offset, limit),
      );
    },
    flow: (_p, { id }, ctx) => ctx.appmixer.loaders.flow.load(id),
    logs: (_p, { filter, sort, ...page }, ctx) => logConnection(ctx, filter ?? {}, sort ?? 'DESC', page),
    accounts: (_p, { filter }, ctx) =>
      ctx.appmixer.client.listAccounts([
        ...(filter?.service ? [`service:${filter.service}`] : []),
        ...(filter?.excludeServices ?? []).map((s) => `service:!${s}`),
      ]),
    apps: (_p, { includeAll }, ctx) => ctx.appmixer.loaders.apps.load(includeAll ?? false),
    app: async (_p, { name }, ctx) =>
      (await ctx.appmixer.loaders.apps.load(false)).find((a) => a.name === name) ?? null,
    tasks: (_p, { filter, ...page }, ctx) => {
      const query = {
        role: filter?.role ? (filter.role.toLowerCase() as 'approver' | 'requester') : undefined,
        filter: filter?.status ? `status:${filter.status.toLowerCase()}` : undefined,
        pattern: filter?.pattern ?? undefined,
      };
      return countedConnection(
        page,
        () => ctx.appmixer.client.countTasks(query),
        async (offset, limit) => (await ctx.appmixer.client.listTasks(query, offset, limit)).map(taskFields),
      );
    },
    task: async (_p, { id }, ctx) => {
      const task = await ctx.appmixer.client.getTask(id);
      return task ? taskFields(task) : null;
    },
    stores: (_p, _a, ctx) => ctx.appmixer.client.listStores(),
    store: (_p, { id }, ctx) => ctx.appmixer.client.getStore(id),
    unprocessedMessages: (_p, _a, ctx) => ctx.appmixer.client.listUnprocessedMessages(),
    unprocessedMessage: (_p, { id }, ctx) => ctx.appmixer.client.getUnprocessedMessage(id),
    flowVariables: async (_p, { flowId, componentIds }, ctx) => {
      const result = await ctx.appmixer.client.fetchVariables(flowId, componentIds ?? undefined);
      const components = result.components ?? {};
      const ids = componentIds?.length ? componentIds.filter((id) => id in components) : Object.keys(components);
      return ids.map((componentId) => ({
        componentId,
        label: components[componentId].label ?? null,
        variables: (components[componentId].variables ?? []).map((v) => ({
          label: v.label ?? null,
          value: v.value ?? null,
          sourceComponentId: v.componentId ?? null,
          port: v.port ?? null,
          schema: v.schema ?? null,
        })),
      }));
    },
    files: (_p, { filter, sort, ...page }, ctx) => {
      const query = {
        filter: filter?.filename ? `filename:~${filter.filename}` : undefined,
        sort: sort ? `${FILE_SORT[sort.field]}:${sign(sort.direction)}` : undefined,
        includeComponentSourceFiles: filter?.includeComponentSourceFiles ?? undefined,
      };
      return offsetConnection(page, {
        maxPageSize: APPMIXER_PAGE_MAX,
        // No file count endpoint is published: no total, hasNextPage is probed.
        fetch: async (offset, limit) => ({ items: await ctx.appmixer.client.listFiles(query, offset, limit) }),
      });
    },
    file: (_p, { id }, ctx) => ctx.appmixer.client.getFileMetadata(id),
  },
  AppmixerFlow: {
    id: (f) => f.flowId,
    ...mappedFields(flowFields, ['name', 'stage', 'userId', 'createdAt', 'updatedAt', 'customFields', 'sharedWith']),
    components: async (f, _a, ctx) => flowComponents((await fullFlow(f, ctx)).flow ?? {}),
    descriptor: async (f, _a, ctx) => (await fullFlow(f, ctx)).flow ?? null,
    logs: (f, { portType, from, to, ...page }, ctx) =>
      logConnection(ctx, { flowIds: [f.flowId], portType, from, to }, 'DESC', page),
  },
  AppmixerLogEntry: {
    flow: (h, _a, ctx) => (h.flowId ? ctx.appmixer.loaders.flow.load(h.flowId) : null),
  },
  // Fields named as on the wire resolve by default (an absent one is null), here and below.
  AppmixerAccount: {
    id: (a) => a.accountId,
  },
  AppmixerApp: {
    components: async (a, _args, ctx) => (await ctx.appmixer.loaders.appComponents.load(a.name)).map(componentFields),
  },
  AppmixerStore: {
    id: (s) => s.storeId,
    recordCount: (s, _a, ctx) => ctx.appmixer.loaders.storeRecordCount.load(s.storeId),
    records: (s, { sort, ...page }, ctx) => {
      const sortParam = sort ? `${RECORD_SORT[sort.field]}:${sign(sort.direction)}` : 'updatedAt:-1';
      return countedConnection(
        page,
        () => ctx.appmixer.loaders.storeRecordCount.load(s.storeId),
        (offset, limit) => ctx.appmixer.client.listStoreRecords(s.storeId, offset, limit, sortParam),
      );
    },
  },
  AppmixerUnprocessedMessage: {
    id: (m) => m.messageId,
    createdAt: (m) => m.created ?? null,
    error: (m) => m.err ?? null,
    messages: (m) => queuedMessages(m),
    flow: (m, _a, ctx) => (m.flowId ? ctx.appmixer.loaders.flow.load(m.flowId) : null),
  },
  AppmixerFile: {
    id: (f) => f.fileId,
    createdAt: (f) => f.uploadDate ?? null,
  },
  Mutation: {
    appmixerCreateFlow: async (_p, { input }, ctx) => {
      const flowId = await ctx.appmixer.client.createFlow({
        name: input.name,
        flow: descriptor(input.descriptor, 'input.descriptor') ?? {},
        ...(input.customFields != null && { customFields: input.customFields }),
      });
      return reread(ctx, flowId);
    },
    appmixerUpdateFlow: async (_p, { id, input }, ctx) => {
      const body = {
        ...(input.name != null && { name: input.name }),
        ...(input.descriptor != null && { flow: descriptor(input.descriptor, 'input.descriptor') }),
        ...(input.customFields != null && { customFields: input.customFields }),
      };
      if (Object.keys(body).length === 0) throw badUserInput('input needs name, descriptor or customFields');
      await ctx.appmixer.client.updateFlow(id, body);
      return reread(ctx, id);
    },
    appmixerDeleteFlow: async (_p, { id }, ctx) => {
      await ctx.appmixer.client.deleteFlow(id);
      ctx.appmixer.loaders.flow.clear(id);
      return id;
    },
    appmixerCloneFlow: async (_p, { id }, ctx) => reread(ctx, await ctx.appmixer.client.cloneFlow(id)),
    appmixerStartFlow: async (_p, { id }, ctx) => {
      await ctx.appmixer.client.coordinateFlow(id, 'start');
      return reread(ctx, id);
    },
    appmixerStopFlow: async (_p, { id }, ctx) => {
      await ctx.appmixer.client.coordinateFlow(id, 'stop');
      return reread(ctx, id);
    },
    appmixerRenameAccount: (_p, { id, displayName }, ctx) => {
      if (!displayName.trim()) throw badUserInput('displayName must not be empty');
      return ctx.appmixer.client.renameAccount(id, displayName);
    },
    appmixerCreateTask: async (_p, { input }, ctx) => {
      const decisionBy = new Date(input.decisionBy as string);
      if (Number.isNaN(decisionBy.getTime())) throw badUserInput('input.decisionBy must be a valid DateTime');
      return taskFields(
        await ctx.appmixer.client.createTask({
          title: input.title,
          description: input.description ?? undefined,
          requester: input.requester,
          approver: input.approver,
          decisionBy: decisionBy.toISOString(),
        }),
      );
    },
    appmixerApproveTask: async (_p, { id }, ctx) => taskFields(await ctx.appmixer.client.decideTask(id, 'approve')),
    appmixerRejectTask: async (_p, { id }, ctx) => taskFields(await ctx.appmixer.client.decideTask(id, 'reject')),
    appmixerCreateStore: async (_p, { name }, ctx) => {
      if (!name.trim()) throw badUserInput('name must not be empty');
      return { storeId: await ctx.appmixer.client.createStore(name), name };
    },
    appmixerRenameStore: async (_p, { id, name }, ctx) => {
      if (!name.trim()) throw badUserInput('name must not be empty');
      await ctx.appmixer.client.renameStore(id, name);
      return { storeId: id, name };
    },
    appmixerDeleteStore: async (_p, { id }, ctx) => {
      await ctx.appmixer.client.deleteStore(id);
      return id;
    },
    appmixerSetStoreRecord: (_p, { input }, ctx) =>
      ctx.appmixer.client.setStoreRecord(input.storeId, input.key, input.value),
    appmixerRenameStoreRecord: (_p, { storeId, key, newKey }, ctx) =>
      ctx.appmixer.client.patchStoreRecord(storeId, key, { key: newKey }),
    appmixerUpdateStoreRecord: (_p, { storeId, key, value }, ctx) =>
      ctx.appmixer.client.patchStoreRecord(storeId, key, { value }),
    appmixerRetryUnprocessedMessage: async (_p, { id }, ctx) => {
      await ctx.appmixer.client.retryUnprocessedMessage(id);
      return id;
    },
    appmixerDeleteUnprocessedMessage: async (_p, { id }, ctx) => {
      await ctx.appmixer.client.deleteUnprocessedMessage(id);
      return id;
    },
  },
};
