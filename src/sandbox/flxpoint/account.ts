/**
 * Flxpoint simulator — the Account-token area: the workspace, connections with their per-type
 * config schemas, and channel creation.
 */
import { flxError, type FlxCall, type FlxRoute } from './common.js';
import type { FlxpointState, SimChannel, SimConnection } from './seed.js';

function connectionView(state: FlxpointState, c: SimConnection) {
  const type = state.connectionTypes.find((t) => t.handle === c.typeHandle)!;
  return {
    id: c.id,
    connectionType: type.handle,
    connectionTypeId: type.id,
    connectionTypeName: type.name,
    requiresConnectionToTest: false,
    name: c.name,
    configs: type.configs.map((def) => ({
      ...def,
      // Secrets are never read back.
      value:
        def.dataType === 'PASSWORD' && c.values[def.handle] ? '********' : (c.values[def.handle] ?? def.defaultValue),
    })),
  };
}

interface ConnectionBody {
  connectionType?: unknown;
  name?: unknown;
  configs?: unknown;
}

/** Validates a create/update body against the connection type; answers 400 itself. */
function readConnection(
  call: FlxCall,
): { typeHandle: string; name: string; values: Record<string, string | null> } | undefined {
  const body = (call.body ?? {}) as ConnectionBody;
  if (typeof body.connectionType !== 'string' || !body.connectionType)
    return void flxError(call.req, call.res, 400, 'connectionType is required');
  const type = call.state.connectionTypes.find((t) => t.handle === body.connectionType);
  if (!type) return void flxError(call.req, call.res, 400, `Unknown connection type: ${body.connectionType}`);
  if (typeof body.name !== 'string' || !body.name.trim())
    return void flxError(call.req, call.res, 400, 'name is required');
  const values: Record<string, string | null> = {};
  for (const entry of Array.isArray(body.configs) ? body.configs : []) {
    const { handle, value } = (entry ?? {}) as { handle?: unknown; value?: unknown };
    if (typeof handle !== 'string' || !type.configs.some((d) => d.handle === handle)) {
      return void flxError(call.req, call.res, 400, `Unknown config handle for ${type.handle}: ${String(handle)}`);
    }
    values[handle] = value === null || value === undefined ? null : String(value);
  }
  const missing = type.configs.filter((d) => d.required && !values[d.handle]).map((d) => d.handle);
  if (missing.length > 0)
    return void flxError(call.req, call.res, 400, `Missing required configs: ${missing.join(', ')}`);
  return { typeHandle: type.handle, name: body.name, values };
}

const INVOICE_STATUSES = [
  'Not Authorized',
  'Authorized',
  'Paid',
  'Deferred',
  'Refunded',
  'Partially Refunded',
  'Voided',
];

export function registerAccountRoutes(route: FlxRoute): void {
  route('get', '/account', ['Account'], ({ state, res }) => {
    res.json(state.account);
  });

  route('get', '/connections', ['Account'], ({ state, res }) => {
    res.json(state.connections.map((c) => connectionView(state, c)));
  });

  route('get', '/connections/available-configs', ['Account'], (call) => {
    const handle = call.query.get('handle');
    if (!handle) return flxError(call.req, call.res, 400, 'handle is required');
    const type = call.state.connectionTypes.find((t) => t.handle === handle);
    if (!type) return flxError(call.req, call.res, 404, 'Connection Type Not Found');
    call.res.json(type.configs.map((def) => ({ ...def, value: null })));
  });

  route('get', '/connections/:id', ['Account'], (call) => {
    const c = call.state.connections.find((x) => String(x.id) === String(call.req.params.id));
    if (!c) return flxError(call.req, call.res, 404, 'Connection Not Found');
    call.res.json(connectionView(call.state, c));
  });

  route('post', '/connections', ['Account'], (call) => {
    const input = readConnection(call);
    if (!input) return;
    const c: SimConnection = { id: call.state.nextId++, ...input };
    call.state.connections.push(c);
    call.res.json(connectionView(call.state, c));
  });

  route('put', '/connections/:id', ['Account'], (call) => {
    const c = call.state.connections.find((x) => String(x.id) === String(call.req.params.id));
    if (!c) return flxError(call.req, call.res, 404, 'Connection Not Found');
    const input = readConnection(call);
    if (!input) return;
    Object.assign(c, input);
    call.res.json(connectionView(call.state, c));
  });

  route('post', '/channel', ['Account'], (call) => {
    const body = (call.body ?? {}) as Record<string, unknown>;
    if (typeof body.name !== 'string' || !body.name.trim())
      return flxError(call.req, call.res, 400, 'name is required');
    if (body.channelType !== 'flxpoint.api.custom' && body.channelType !== 'flxpoint.api.dealers') {
      return flxError(call.req, call.res, 400, 'channelType must be flxpoint.api.custom or flxpoint.api.dealers');
    }
    const invoice = body.channelInvoiceDefaultStatus ?? 'Not Authorized';
    if (typeof invoice !== 'string' || !INVOICE_STATUSES.includes(invoice))
      return flxError(call.req, call.res, 400, `Unknown channelInvoiceDefaultStatus: ${String(invoice)}`);
    const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
    const num = (v: unknown) => (v === undefined || v === null ? null : Number(v));
    const channel: SimChannel = {
      id: call.state.nextId++,
      name: body.name,
      description: typeof body.description === 'string' ? body.description : null,
      channelType: body.channelType,
      primary: bool(body.primary, false),
      paymentCollection: bool(body.paymentCollection, true),
      channelInvoiceDefaultStatus: invoice,
      pricingWorkflowEventId: num(body.pricingWorkflowEventId),
      listingStatusWorkflowEventId: num(body.listingStatusWorkflowEventId),
      autoGeneratePoOnImport: bool(body.autoGeneratePoOnImport, false),
      allowBackorder: bool(body.allowBackorder, false),
      inStoreOrder: bool(body.inStoreOrder, false),
      insertedAt: new Date().toISOString(),
    };
    call.state.channels.push(channel);
    call.res.json(channel);
  });
}
