/**
 * The canary: distinctive secrets everywhere — every vendor credential (the simulators' own and
 * deliberately wrong ones set through the environment), client API keys, the JWT secret and the
 * tokens — then vendor queries and mutations of every vendor, including failures whose bodies
 * quote the credentials back, SOAP Faults, malformed bodies and dropped connections. No response
 * body and no log line may contain any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/framework.js';
import type { VendorName } from '../../src/context.js';
import { vendorModule, vendorNames } from '../../src/app.js';
import { logLines, startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers.js';
import { apiKey, AUTH_ENV, bearer, hsToken, JWT_SECRET, KEYS } from './support.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

/** Queries and mutations per vendor, each an ordinary call a frontend would make. */
const OPERATIONS: Record<VendorName, { query: string; variables?: Record<string, unknown> }[]> = {
  flowize: [
    { query: '{ flowize { records(first: 2) { nodes { uuid flow { flowName } } } } }' },
    { query: '{ flowize { keystoreEntry(keystoreId: "weather", key: "london") { value } environments { id name } } }' },
    {
      query: 'mutation($input: FlowizeCreateRecordsInput!) { flowizeCreateRecords(input: $input) { uuids } }',
      variables: { input: { flowName: 'address-verification', records: [{ Postcode: '1011AB' }], transport: 'SOAP' } },
    },
  ],
  flexipim: [
    {
      query: '{ flexipim { products(channel: "2", first: 2) { nodes { id } } connectionCheck { connected message } } }',
    },
  ],
  appmixer: [{ query: '{ appmixer { stores { id name } flows(first: 2) { nodes { id } } } }' }],
  flxpoint: [{ query: '{ flxpoint { account { id companyName } orders(first: 2) { nodes { id } } } }' }],
  phixflow: [
    {
      query:
        'mutation($endpoint: ID!, $input: JSON) { phixflowInvoke(endpoint: $endpoint, input: $input) { status message data } }',
      variables: { endpoint: 'customer-lookup', input: { customerId: 'C-1003' } },
    },
  ],
};

/** Every value of a vendor's secret variables, and each token of an `id=token` list on its own. */
function secretsOf(name: VendorName, env: Record<string, string>): string[] {
  const out: string[] = [];
  for (const key of vendorModule(name).secretEnv) {
    const value = env[key];
    if (!value) continue;
    out.push(value);
    if (/[=,]/.test(value)) for (const part of value.split(',')) out.push(part.split('=').pop()!);
  }
  return out.filter((s) => s.length >= 6);
}

/** Vendor error bodies that quote `secrets` in every place a vendor might put a message. */
function echoingBody(secrets: string[]) {
  const text = `credential ${secrets.join(' / ')} rejected at https://vendor.example/api?token=${secrets[0]}`;
  return {
    message: text,
    error: { code: 400, message: text },
    errors: [{ message: text }],
    error_description: text,
    detail: text,
    success: false,
  };
}

function faultsFor(secrets: string[]): FaultRule[] {
  const body = echoingBody(secrets);
  return [
    { status: 400, body },
    { status: 401, body },
    { status: 403, body },
    { status: 500, body },
    { status: 429, body, retryAfterSeconds: 0 },
    { malformed: true },
    { status: 200, body: `{"leak": "${secrets[0]}", `, headers: { 'content-type': 'application/json' } },
    {
      status: 500,
      body: `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>AccessToken ${secrets[0]} is not valid</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`,
      headers: { 'content-type': 'text/xml' },
    },
    { drop: true },
  ];
}

/** Replaces every credential in a simulator's env with a distinctive wrong one (keeping `id=` prefixes). */
function canaryEnv(name: VendorName, env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const key of vendorModule(name).secretEnv) {
    const value = env[key];
    if (!value) continue;
    const token = () => `canary-${name}-${++n}-7f3a9c1e5d`;
    out[key] = /=/.test(value)
      ? value
          .split(',')
          .map((p) => `${p.split('=')[0]}=${token()}`)
          .join(',')
      : token();
  }
  return out;
}

describe('the secrets canary', () => {
  let gw: TestGateway;
  let wrong: TestGateway;
  const secrets: string[] = [...Object.values(KEYS), JWT_SECRET];
  const bodies: string[] = [];
  let firstLog = 0;

  /** Runs every vendor's operations; returns the responses (their bodies are kept for the final check). */
  async function run(target: TestGateway, headers: Record<string, string>): Promise<GraphQLResponse[]> {
    const responses: GraphQLResponse[] = [];
    for (const name of Object.keys(OPERATIONS) as VendorName[]) {
      for (const op of OPERATIONS[name]) {
        const res = await target.gql(op.query, op.variables, { ...headers, ...DEBUG });
        bodies.push(res.text);
        responses.push(res);
      }
    }
    return responses;
  }

  /** No secret known so far appears in `texts`. */
  function expectNoSecret(texts: string[]): void {
    for (const secret of secrets)
      for (const text of texts) expect(text.includes(secret), `response contains ${secret.slice(0, 12)}…`).toBe(false);
  }

  beforeAll(async () => {
    firstLog = logLines.length;
    gw = await startTestGateway({ ...AUTH_ENV, VENDORGRAPH_RETRY_LIMIT: '1', VENDORGRAPH_RETRY_BASE_DELAY_MS: '1' });
    const wrongEnv: Record<string, string> = {};
    for (const name of Object.keys(OPERATIONS) as VendorName[]) {
      const simEnv = gw.sim(name).env();
      secrets.push(...secretsOf(name, simEnv));
      const canary = canaryEnv(name, simEnv);
      Object.assign(wrongEnv, canary);
      secrets.push(...secretsOf(name, canary));
    }
    // Same simulators' protocol, wrong credentials: every vendor rejects the gateway.
    wrong = await startTestGateway({ ...AUTH_ENV, ...wrongEnv, VENDORGRAPH_RETRY_LIMIT: '0' });
  });
  afterAll(async () => {
    await gw?.close();
    await wrong?.close();
  });

  it('covers every vendor with distinctive secrets', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...vendorNames].sort());
    for (const name of vendorNames) expect(secretsOf(name, gw.sim(name).env()).length, name).toBeGreaterThan(0);
  });

  it('answers ordinary vendor calls without showing a secret', async () => {
    const token = await hsToken({ role: 'operator' });
    secrets.push(token);
    const responses = [...(await run(gw, apiKey(KEYS.operator))), ...(await run(gw, bearer(token)))];
    expect(responses.map((r) => r.errors)).toEqual(responses.map(() => undefined));
    expect(responses.every((r) => r.extensions?.upstream !== undefined)).toBe(true);
    expectNoSecret(responses.map((r) => r.text));
  });

  it('answers vendor failures that quote the credentials without showing them', async () => {
    // Vendors run side by side (each has its own simulator); faults one after another per vendor.
    const failures: string[] = [];
    await Promise.all(
      (Object.keys(OPERATIONS) as VendorName[]).map(async (name) => {
        const sim = gw.sim(name);
        for (const fault of faultsFor(secretsOf(name, sim.env()))) {
          sim.reset();
          sim.fault({ ...fault, times: 3 });
          for (const op of OPERATIONS[name])
            failures.push((await gw.gql(op.query, op.variables, { ...apiKey(KEYS.operator), ...DEBUG })).text);
        }
        sim.reset();
      }),
    );
    bodies.push(...failures);
    // The vendors' messages did reach the client, with the credentials cut out.
    expect(failures.some((b) => b.includes('[redacted]'))).toBe(true);
    expectNoSecret(failures);
    const codes = new Set(failures.flatMap((b) => [...b.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1])));
    for (const code of ['VENDOR_REJECTED', 'VENDOR_UNAVAILABLE', 'VENDOR_BAD_RESPONSE', 'VENDOR_RATE_LIMITED'])
      expect(codes).toContain(code);
  });

  it('answers with VENDOR_UNAUTHORIZED when the configured credentials are wrong, without showing them', async () => {
    const texts = [...(await run(wrong, apiKey(KEYS.reader))), ...(await run(wrong, apiKey(KEYS.operator)))].map(
      (r) => r.text,
    );
    const codes = texts.flatMap((b) => [...b.matchAll(/"code":"([A-Z_]+)"/g)].map((m) => m[1]));
    expect(codes).toContain('VENDOR_UNAUTHORIZED');
    expectNoSecret(texts);
  });

  it('refuses clients with wrong credentials without echoing them', async () => {
    const forged = 'vg_canary_client_guess_0f9e8d7c6b5a';
    secrets.push(forged);
    const refusals = [
      await gw.gql('{ vendors { name } }', {}, apiKey(forged)),
      await gw.gql('{ vendors { name } }', {}, bearer(await hsToken({ secret: `${forged}-as-a-signing-secret!!` }))),
    ];
    for (const res of refusals) {
      bodies.push(res.text);
      expect(res.status).toBe(401);
      expect(res.data ?? null).toBeNull();
      expect(res.errors!.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.text).not.toContain(forged);
    }
  });

  it('leaves no secret in any response body or log line', () => {
    expect(bodies.length).toBeGreaterThan(80);
    const log = logLines.slice(firstLog);
    expect(log.length).toBeGreaterThan(100);
    for (const secret of secrets) {
      for (const body of bodies) expect(body.includes(secret), `response contains ${secret.slice(0, 12)}…`).toBe(false);
      for (const line of log)
        expect(line.includes(secret), `log line contains ${secret.slice(0, 12)}…: ${line.slice(0, 200)}`).toBe(false);
    }
  });
});
