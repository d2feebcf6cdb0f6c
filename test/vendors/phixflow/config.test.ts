import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config.js';
import { loadConfig } from '../../../src/app.js';
import {
  SANDBOX_API_KEY,
  SANDBOX_ENDPOINT_FILE,
  phixflowSimulator,
  type PhixflowState,
} from '../../../src/sandbox/phixflow/index.js';
import { startSimulator } from '../../../src/sandbox/framework.js';
import { loadEndpointFile, phixflowSettings } from '../../../src/vendors/phixflow/config.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation } from '../../support/violations.js';

const dir = mkdtempSync(join(tmpdir(), 'phixflow-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('PhixFlow endpoint file', () => {
  it('reads YAML and JSON with defaults applied', () => {
    const yaml = loadEndpointFile(
      file(
        'a.yaml',
        'defaults:\n  timeoutMs: 90000\nendpoints:\n  orders:\n    application: Shop\n    name: Create Order\n    inputs:\n      sku: the SKU\n  status:\n    alias: order-status\n    mode: poll\n    pollUrl: api/1/action/{alias}/status/{processId}\n',
      ),
    );
    expect(yaml.endpoints.orders).toMatchObject({
      method: 'POST',
      mode: 'wait',
      timeoutMs: 90000,
      authHeader: 'Authorization',
      dataPath: 'data',
      anonymous: false,
      inputs: { sku: { description: 'the SKU' } },
    });
    expect(yaml.endpoints.status).toMatchObject({ mode: 'poll', pollUrl: 'api/1/action/{alias}/status/{processId}' });
    expect(yaml.pollUrl).toBe('api/1/action/status/{processId}');

    const json = loadEndpointFile(
      file(
        'b.json',
        JSON.stringify({ endpoints: { legacy: { name: 'Old Flow', mode: 'sync', authHeader: 'X-Api-Key' } } }),
      ),
      'X-Other',
    );
    expect(json.endpoints.legacy).toMatchObject({
      name: 'Old Flow',
      mode: 'wait',
      timeoutMs: 60000,
      authHeader: 'X-Api-Key',
    });
  });

  it('names the problem in an invalid file', () => {
    expect(() => loadEndpointFile(file('c.yaml', 'endpoints:\n  x:\n    application: A\n'))).toThrow(
      /endpoints\.x.*name or an alias/,
    );
    expect(() =>
      loadEndpointFile(
        file('d.yaml', 'endpoints:\n  x:\n    name: A\n    pollUrl: https://elsewhere.test/{processId}\n'),
      ),
    ).toThrow(/relative to PHIXFLOW_BASE_URL/);
    expect(() =>
      loadEndpointFile(file('e.yaml', 'endpoints:\n  x:\n    name: A\n    pollUrl: status/{processId}/{alias}\n')),
    ).toThrow(/\{alias\} is not set/);
    expect(() => loadEndpointFile(file('f.yaml', 'endpoints: [unclosed'))).toThrow(/not valid YAML/);
    expect(() => loadEndpointFile(join(dir, 'missing.yaml'))).toThrow(/cannot read/);
  });

  it('fails the boot naming PHIXFLOW_CONFIG, never echoing the key', () => {
    const env = {
      VENDORGRAPH_MODE: 'live',
      PHIXFLOW_BASE_URL: 'https://phixflow.example.test/phixflow',
      PHIXFLOW_API_KEY: 'live-secret-key-123',
      PHIXFLOW_CONFIG: file('g.yaml', 'endpoints: {x: {}}'),
    };
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/PHIXFLOW_CONFIG: the endpoint file is invalid/);
      expect((error as ConfigError).message).not.toContain('live-secret-key-123');
    }
  });

  it('asks for the API key only when some endpoint is not anonymous', () => {
    const anonymous = file('h.yaml', 'endpoints:\n  ping:\n    name: Ping\n    anonymous: true\n');
    expect(
      phixflowSettings({ PHIXFLOW_BASE_URL: 'https://p.test/phixflow', PHIXFLOW_CONFIG: anonymous }),
    ).toHaveProperty('settings');
    expect(
      phixflowSettings({ PHIXFLOW_BASE_URL: 'https://p.test/phixflow', PHIXFLOW_CONFIG: SANDBOX_ENDPOINT_FILE }),
    ).toEqual({ missing: ['PHIXFLOW_API_KEY'] });
    expect(phixflowSettings({})).toEqual({ missing: ['PHIXFLOW_BASE_URL', 'PHIXFLOW_CONFIG'] });
  });
});

describe('PhixFlow auth header', () => {
  let gw: TestGateway;
  afterAll(() => gw?.close());

  it('sends the bare token in a configured header', async () => {
    gw = await startTestGateway({ PHIXFLOW_AUTH_HEADER: 'X-PhixFlow-Token' });
    const sim = gw.sim('phixflow');
    const invoke =
      'mutation { phixflowInvoke(endpoint: "customer-lookup", input: { customerId: "C-1001" }) { status data } }';
    // The instance still expects Authorization: the gateway's header is the wrong one for it.
    expectViolation('phixflow', /^auth\./);
    const refused = await gw.gql(invoke);
    expect(refused.errors?.[0].extensions.code).toBe('VENDOR_UNAUTHORIZED');
    expect(sim.requests[0].headers['x-phixflow-token']).toBe(SANDBOX_API_KEY);
    expect(sim.requests[0].headers.authorization).toBeUndefined();

    (sim.state as PhixflowState).authHeader = 'x-phixflow-token';
    const accepted = await gw.gql(invoke);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.phixflowInvoke).toMatchObject({ status: 'SUCCESS', data: { id: 'C-1001' } });
  });
});

describe('PhixFlow in live mode', () => {
  it('answers an unknown endpoint NOT_FOUND without naming the configured endpoints', async () => {
    const sim = await startSimulator(phixflowSimulator);
    const gw = await startTestGateway({ VENDORGRAPH_MODE: 'live', VENDORGRAPH_AUTH: 'open', ...sim.env() });
    try {
      const res = await gw.gql('mutation { phixflowInvoke(endpoint: "no-such-endpoint", input: {}) { status } }');
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(res.errors?.[0].message).toBe('unknown PhixFlow endpoint "no-such-endpoint"');
      for (const name of ['customer-lookup', 'revenue-report', 'validate-order', 'bulk-import'])
        expect(res.text).not.toContain(name);
      expect(sim.requests).toHaveLength(0);
      const known = await gw.gql(
        'mutation { phixflowInvoke(endpoint: "customer-lookup", input: { customerId: "C-1001" }) { status } }',
      );
      expect(known.errors).toBeUndefined();
    } finally {
      await gw.close();
      await sim.stop();
    }
  });
});
