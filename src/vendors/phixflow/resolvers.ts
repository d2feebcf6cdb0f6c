/**
 * PhixFlow resolvers: thin, typed by codegen. Endpoint names are looked up in the configuration by
 * the client; invocation logic (modes, polling, per-record calls) lives in the client.
 */
import type { Resolvers } from '../../generated/graphql.js';
import { fields } from './models.js';

export const resolvers: Resolvers = {
  Query: {
    phixflow: (_parent, _args, ctx) => (ctx.phixflow, {}),
  },
  PhixflowQuery: {
    endpoints: (_p, _a, ctx) => ctx.phixflow.client.endpoints,
    endpoint: (_p, { name }, ctx) => ctx.phixflow.client.endpoints.find((e) => e.key === name) ?? null,
    invocation: async (_p, { processId, endpoint }, ctx) => {
      const outcome = await ctx.phixflow.loaders.status.load({ processId, endpoint: endpoint ?? undefined });
      return outcome ? { ...outcome, endpoint: endpoint ?? null, polls: 1, records: null } : null;
    },
  },
  PhixflowEndpoint: {
    name: (e) => e.key,
    application: (e) => e.application ?? null,
    actionflow: (e) => e.name ?? null,
    alias: (e) => e.alias ?? null,
    mode: (e) => (e.mode === 'poll' ? 'POLL' : 'WAIT'),
    authenticated: (e) => !e.anonymous,
    description: (e) => e.description ?? null,
    inputs: (e) => fields(e.inputs),
    outputs: (e) => fields(e.outputs),
  },
  Mutation: {
    phixflowInvoke: (_p, { endpoint, input, mode, timeoutMs, deadlineMs, eachRecord }, ctx) =>
      ctx.phixflow.client.invoke(endpoint, input ?? undefined, {
        mode: mode ?? undefined,
        timeoutMs: timeoutMs ?? undefined,
        deadlineMs: deadlineMs ?? undefined,
        eachRecord: eachRecord ?? false,
      }),
  },
};
