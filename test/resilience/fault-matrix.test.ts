/**
 * The fault matrix: for every registered vendor, every fault the sandbox can inject, against a
 * read and a write, through the whole gateway. Each case asserts what a client would see —
 * recovered after the expected retries, or failed with the right code — how many times the
 * vendor endpoint was hit (a write the vendor does not deduplicate is never sent twice), and that
 * the gateway keeps answering. Adding a vendor is one entry in VENDORS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/errors.js';
import type { FaultRule, RecordedRequest, Simulator } from '../../src/sandbox/framework.js';
import type { VendorName } from '../../src/context.js';
import { vendorNames } from '../../src/app.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers.js';

/** One GraphQL operation that calls one vendor endpoint. */
interface Operation {
  /** What it is, for test names ("records search"). */
  name: string;
  kind: 'read' | 'write';
  document: string;
  /** Fresh variables for each run (writes create something new each time). */
  variables?: () => Record<string, unknown>;
  /** The vendor endpoint the operation calls: faults are injected there, its requests counted. */
  method: string;
  path: string | RegExp;
  /** Safe to send again: a read, or a write the vendor deduplicates by a key the gateway chose. */
  idempotent: boolean;
  /** For such a write: the key an attempt carries (every attempt must carry the same one). */
  idempotencyKey?: (request: RecordedRequest) => string | undefined;
  /** SOAP endpoints answer Faults and malformed XML; JSON ones malformed JSON. */
  protocol: 'json' | 'soap';
  /** Checks the data of a successful answer. */
  ok(data: Record<string, any>): void;
}

interface VendorFaultSpec {
  /** Gateway variables this vendor needs in the matrix. */
  env?: Record<string, string>;
  /** Runs after every simulator reset. */
  prepare?(sim: Simulator<any>): void;
  /** A query that signs in, so that token calls do not count in the cases. */
  warm: string;
  /** The simulator action that makes the vendor reject the gateway's current credential, and whether a fresh login helps. */
  credential: { action: string; recovers: boolean };
  operations: Operation[];
}

const soapUuid = (r: RecordedRequest) => /<Uuid[^>]*>([^<]+)<\/Uuid>/.exec(r.body)?.[1];
let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** One entry per registered vendor. */
const VENDORS: Record<VendorName, VendorFaultSpec> = {
  flowize: {
    warm: '{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } }',
    credential: { action: 'expireTokens', recovers: true },
    operations: [
      {
        name: 'records search',
        kind: 'read',
        document: '{ flowize { records(first: 2) { nodes { uuid } } } }',
        method: 'GET',
        path: '/v1/record/search',
        idempotent: true,
        protocol: 'json',
        ok: (d) => expect(d.flowize.records.nodes).toHaveLength(2),
      },
      {
        name: 'record create over REST (X-Uuid chosen by the gateway)',
        kind: 'write',
        document: 'mutation($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids } }',
        variables: () => ({
          input: { flowName: 'invoice-reminders', records: [{ invoice: unique('INV') }], transport: 'REST' },
        }),
        method: 'POST',
        path: '/v1/record',
        idempotent: true,
        idempotencyKey: (r) => String(r.headers['x-uuid']),
        protocol: 'json',
        ok: (d) => expect(d.flowizeCreateRecords.uuids).toHaveLength(1),
      },
      {
        name: 'record create over SOAP postRecord (Uuid chosen by the gateway)',
        kind: 'write',
        document: 'mutation($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids } }',
        variables: () => ({
          input: {
            flowName: 'invoice-reminders',
            records: [{ invoice: unique('INV') }],
            transport: 'SOAP_POST_RECORD',
          },
        }),
        method: 'POST',
        path: '/soap',
        idempotent: true,
        idempotencyKey: soapUuid,
        protocol: 'soap',
        ok: (d) => expect(d.flowizeCreateRecords.uuids).toHaveLength(1),
      },
      {
        name: 'table row insert',
        kind: 'write',
        document: 'mutation($input: FlowizeTableInsertInput!) { flowizeTableInsert(input: $input) { id } }',
        variables: () => ({
          input: {
            table: 'customers',
            row: { name: unique('Customer'), email: 'matrix@example.nl', city: 'Utrecht', credit_limit: 100 },
          },
        }),
        method: 'POST',
        path: '/v1/tables/customers/',
        idempotent: false,
        protocol: 'json',
        ok: (d) => expect(d.flowizeTableInsert.id).toBeTruthy(),
      },
    ],
  },
  flexipim: {
    warm: '{ flexipim { products(channel: "1", first: 1) { nodes { id } } } }',
    credential: { action: 'regenerateToken', recovers: false },
    operations: [
      {
        name: 'products list (a read sent as a POST form)',
        kind: 'read',
        document: '{ flexipim { products(channel: "1", first: 2) { nodes { id } } } }',
        method: 'POST',
        path: '/api/v2/products',
        idempotent: true,
        protocol: 'json',
        ok: (d) => expect(d.flexipim.products.nodes).toHaveLength(2),
      },
      // flexiPIM's API as documented has no writes the gateway exposes.
    ],
  },
  flxpoint: {
    // Flxpoint allows 2 requests/s per token; the matrix lifts that on both sides to stay fast.
    env: { FLXPOINT_REQUESTS_PER_SECOND: '100' },
    prepare: (sim) => {
      sim.state.ratePerSecond = 1000;
    },
    warm: '{ flxpoint { connections(first: 1) { nodes { id } } } }',
    credential: { action: 'revokeTokens', recovers: false },
    operations: [
      {
        name: 'connections list',
        kind: 'read',
        document: '{ flxpoint { connections(first: 2) { nodes { id } } } }',
        method: 'GET',
        path: '/connections',
        idempotent: true,
        protocol: 'json',
        ok: (d) => expect(d.flxpoint.connections.nodes.length).toBeGreaterThan(0),
      },
      {
        name: 'connection create',
        kind: 'write',
        document: 'mutation($input: FlxpointConnectionInput!) { flxpointCreateConnection(input: $input) { id } }',
        variables: () => ({
          input: {
            connectionType: 'ftp',
            name: unique('Feed'),
            configs: [
              { handle: 'host', value: 'ftp.example' },
              { handle: 'username', value: 'u' },
              { handle: 'password', value: 'p' },
            ],
          },
        }),
        method: 'POST',
        path: '/connections',
        idempotent: false,
        protocol: 'json',
        ok: (d) => expect(d.flxpointCreateConnection.id).toBeTruthy(),
      },
    ],
  },
  appmixer: {
    warm: '{ appmixer { flows(first: 1) { nodes { id } } } }',
    credential: { action: 'expireTokens', recovers: true },
    operations: [
      {
        name: 'flows list',
        kind: 'read',
        document: '{ appmixer { flows(first: 2) { nodes { id } } } }',
        method: 'GET',
        path: '/flows',
        idempotent: true,
        protocol: 'json',
        ok: (d) => expect(d.appmixer.flows.nodes).toHaveLength(2),
      },
      {
        name: 'store create',
        kind: 'write',
        document: 'mutation($name: String!) { appmixerCreateStore(name: $name) { id } }',
        variables: () => ({ name: unique('store') }),
        method: 'POST',
        path: '/stores',
        idempotent: false,
        protocol: 'json',
        ok: (d) => expect(d.appmixerCreateStore.id).toBeTruthy(),
      },
    ],
  },
  phixflow: {
    warm: '{ phixflow { invocation(processId: "1") { status } } }',
    credential: { action: 'rotateKey', recovers: false },
    operations: [
      {
        name: 'invocation status (unknown process)',
        kind: 'read',
        document: '{ phixflow { invocation(processId: "1") { status } } }',
        method: 'GET',
        path: '/phixflow/api/1/action/status/1',
        idempotent: true,
        protocol: 'json',
        ok: (d) => expect(d.phixflow.invocation).toBeNull(),
      },
      {
        name: 'actionflow invoke',
        kind: 'write',
        // A short vendor-side timeout keeps the hanging case quick (the call waits timeout + grace).
        document:
          'mutation { phixflowInvoke(endpoint: "customer-lookup", input: { customerId: "C-1001" }, timeoutMs: 1) { status } }',
        method: 'POST',
        path: /\/trigger$/,
        idempotent: false,
        protocol: 'json',
        ok: (d) => expect(d.phixflowInvoke.status).toBe('SUCCESS'),
      },
    ],
  },
};

type Outcome = { recovered: true; hits: number } | { code: ErrorCode; hits: number };

interface Fault {
  name: string;
  appliesTo?(op: Operation): boolean;
  inject(sim: Simulator<any>, op: Operation, spec: VendorFaultSpec): void;
  expected(op: Operation, spec: VendorFaultSpec): Outcome;
}

const at = (op: Operation, rule: FaultRule): FaultRule => ({ method: op.method, path: op.path, times: 1, ...rule });

/** Transient failures: an idempotent call recovers with one retry, anything else fails once. */
const transient =
  (code: ErrorCode) =>
  (op: Operation): Outcome =>
    op.idempotent ? { recovered: true, hits: 2 } : { code, hits: 1 };

const SOAP_FAULT =
  '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
  '<soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Database unavailable</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>';

const FAULTS: Fault[] = [
  ...[500, 502, 503].map((status): Fault => ({
    name: `HTTP ${status}`,
    inject: (sim, op) => sim.fault(at(op, { status })),
    // A SOAP endpoint's 500 is where Faults travel: it is read as an answer, not retried.
    expected: (op) =>
      op.protocol === 'soap' && status === 500
        ? { code: 'VENDOR_UNAVAILABLE', hits: 1 }
        : transient('VENDOR_UNAVAILABLE')(op),
  })),
  {
    name: '429 with Retry-After',
    inject: (sim, op) => sim.fault(at(op, { retryAfterSeconds: 0 })),
    expected: transient('VENDOR_RATE_LIMITED'),
  },
  {
    name: 'hanging response',
    inject: (sim, op) => sim.fault(at(op, { hang: true })),
    expected: transient('VENDOR_TIMEOUT'),
  },
  {
    name: 'dropped connection',
    inject: (sim, op) => sim.fault(at(op, { drop: true })),
    expected: transient('VENDOR_UNAVAILABLE'),
  },
  {
    name: 'malformed body',
    inject: (sim, op) =>
      sim.fault(
        op.protocol === 'soap'
          ? at(op, {
              status: 200,
              headers: { 'content-type': 'text/xml' },
              body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><postRecordResponse>',
            })
          : at(op, { malformed: true }),
      ),
    // Never retried: the vendor answered, and may well answer the same again.
    expected: () => ({ code: 'VENDOR_BAD_RESPONSE', hits: 1 }),
  },
  {
    name: 'expired credential',
    inject: (sim, _op, spec) => sim.action(spec.credential.action),
    // A rejected credential is refreshed and the call replayed once; a static one cannot be.
    expected: (_op, spec) =>
      spec.credential.recovers ? { recovered: true, hits: 2 } : { code: 'VENDOR_UNAUTHORIZED', hits: 1 },
  },
  {
    name: 'SOAP Fault',
    appliesTo: (op) => op.protocol === 'soap',
    inject: (sim, op) => sim.fault(at(op, { status: 500, headers: { 'content-type': 'text/xml' }, body: SOAP_FAULT })),
    expected: () => ({ code: 'VENDOR_UNAVAILABLE', hits: 1 }),
  },
];

const describeOutcome = (fault: Fault, o: Outcome) => {
  if (!('recovered' in o)) return `fails with ${o.code} after ${o.hits} call${o.hits > 1 ? 's' : ''}`;
  return fault.name === 'expired credential'
    ? 'recovers by one replay after signing in again'
    : `recovers after ${o.hits - 1} ${o.hits === 2 ? 'retry' : 'retries'}`;
};

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

describe('fault matrix', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    gw = await startTestGateway({
      VENDORGRAPH_RESPONSE_TIMEOUT_MS: '300',
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '600',
      VENDORGRAPH_RETRY_BASE_DELAY_MS: '5',
      VENDORGRAPH_RETRY_MAX_DELAY_MS: '20',
      ...Object.assign({}, ...Object.values(VENDORS).map((v) => v.env ?? {})),
    });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await gw.close();
  });

  it('describes every registered vendor', () => {
    expect(Object.keys(VENDORS).sort()).toEqual([...vendorNames].sort());
  });

  for (const [vendor, spec] of Object.entries(VENDORS) as [VendorName, VendorFaultSpec][]) {
    describe(vendor, () => {
      // A case that broke the credential leaves the simulator to be reset and signed in again.
      let fresh = false;
      async function ready(sim: Simulator<any>) {
        sim.clearFaults();
        if (!fresh) {
          sim.reset();
          spec.prepare?.(sim);
          const warm = await gw.gql(spec.warm);
          expect(warm.errors).toBeUndefined();
          fresh = true;
        }
        sim.clearRequests();
      }

      for (const op of spec.operations) {
        for (const fault of FAULTS) {
          if (fault.appliesTo && !fault.appliesTo(op)) continue;
          const outcome = fault.expected(op, spec);
          it(`${op.name}: ${fault.name} ${describeOutcome(fault, outcome)}`, async () => {
            const sim = gw.sim(vendor);
            await ready(sim);
            if (fault.name === 'expired credential') fresh = false;
            fault.inject(sim, op, spec);
            const res: GraphQLResponse = await gw.gql(op.document, op.variables?.());
            expect(res.status).toBe(200);
            const hits = sim.requests.filter(
              (r) =>
                r.method === op.method && (typeof op.path === 'string' ? r.path === op.path : op.path.test(r.path)),
            );

            if ('recovered' in outcome) {
              expect(res.errors).toBeUndefined();
              op.ok(res.data!);
            } else {
              expect(res.errors?.[0]?.extensions).toMatchObject({ code: outcome.code, vendor });
            }
            expect(hits).toHaveLength(outcome.hits);
            if (op.kind === 'write' && hits.length > 1 && fault.name !== 'expired credential') {
              // Sent again only because the vendor deduplicates: every attempt carries one key.
              expect(op.idempotencyKey).toBeDefined();
              expect(new Set(hits.map(op.idempotencyKey!)).size).toBe(1);
            }
          });
        }
      }

      it('still answers after every fault', async () => {
        const sim = gw.sim(vendor);
        sim.reset();
        spec.prepare?.(sim);
        const res = await gw.gql('{ vendors { name healthy } }');
        expect(res.data!.vendors).toContainEqual({ name: vendor, healthy: true });
        expect(unhandled).toEqual([]);
      });
    });
  }
});
