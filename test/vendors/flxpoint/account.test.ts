import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { expectViolation } from '../../support/violations.js';

const ACCOUNT_TOKEN = 'sandbox-flxpoint-account-0000';

describe('Flxpoint account, connections and channels', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reports Flxpoint healthy with the workspace it reached', async () => {
    const res = await gw.gql('{ vendors { name mode healthy message } }');
    expect(res.data!.vendors).toContainEqual({
      name: 'flxpoint',
      mode: 'SANDBOX',
      healthy: true,
      message: 'workspace harborhome; tokens: account, 2 source, 2 channel',
    });
  });

  it('reads the account with the Account token in X-API-TOKEN', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      '{ flxpoint { account { id subdomain brandName companyName defaultOrderRoutingGroupId } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpoint.account).toEqual({
      id: '4821',
      subdomain: 'harborhome',
      brandName: 'Harbor Home',
      companyName: 'Harbor Home Goods LLC',
      defaultOrderRoutingGroupId: '5003',
    });
    expect(sim.requests[0].headers['x-api-token']).toBe(ACCOUNT_TOKEN);
    expect(sim.requests[0].headers.authorization).toBeUndefined();
  });

  it('lists connections with their configs, and reads one by id', async () => {
    const res = await gw.gql(
      `{ flxpoint {
          connections(first: 2) { totalCount pageInfo { hasNextPage } nodes { id name connectionType connectionTypeName configs { handle dataType value required } } }
          connection(id: "3102") { name connectionTypeId configs { handle value options { value label } } }
          missing: connection(id: "999") { id } } }`,
    );
    expect(res.errors).toBeUndefined();
    const { connections, connection, missing } = res.data!.flxpoint;
    expect(connections.totalCount).toBe(3);
    expect(connections.pageInfo.hasNextPage).toBe(true);
    expect(connections.nodes[0]).toMatchObject({
      id: '3101',
      name: 'Harbor Supply inventory feed',
      connectionType: 'ftp',
      connectionTypeName: 'FTP',
    });
    expect(connections.nodes[0].configs.find((c: { handle: string }) => c.handle === 'password')).toEqual({
      handle: 'password',
      dataType: 'PASSWORD',
      value: '********',
      required: true,
    });
    expect(connection.name).toBe('Harbor Home Shopify');
    expect(connection.configs.find((c: { handle: string }) => c.handle === 'apiVersion').options).toHaveLength(3);
    expect(missing).toBeNull();
  });

  it("reads a connection type's config schema to build a form", async () => {
    const res = await gw.gql(
      '{ flxpoint { connectionConfigSchema(connectionType: "sftp") { handle name required dataType defaultValue advanced sortOrder } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpoint.connectionConfigSchema.map((c: { handle: string }) => c.handle)).toEqual([
      'host',
      'port',
      'username',
      'password',
      'privateKey',
    ]);
    expect(res.data!.flxpoint.connectionConfigSchema[1]).toMatchObject({
      handle: 'port',
      required: false,
      defaultValue: '22',
      dataType: 'INTEGER',
    });
    expect(gw.sim('flxpoint').requests.at(-1)!.query).toEqual({ handle: 'sftp' });
  });

  it('creates a connection and updates it, both readable afterwards', async () => {
    const created = await gw.gql(
      `mutation($input: FlxpointConnectionInput!) { flxpointCreateConnection(input: $input) { id name connectionType configs { handle value } } }`,
      {
        input: {
          connectionType: 'ftp',
          name: 'Returns feed',
          configs: [
            { handle: 'host', value: 'ftp.returns.example' },
            { handle: 'username', value: 'hh' },
            { handle: 'password', value: 's3cret' },
          ],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.flxpointCreateConnection.id;
    expect(
      created.data!.flxpointCreateConnection.configs.find((c: { handle: string }) => c.handle === 'port').value,
    ).toBe('21');
    const updated = await gw.gql(
      `mutation($id: ID!, $input: FlxpointConnectionInput!) { flxpointUpdateConnection(id: $id, input: $input) { id name } }`,
      {
        id,
        input: {
          connectionType: 'ftp',
          name: 'Returns feed (EU)',
          configs: [
            { handle: 'host', value: 'ftp.eu.returns.example' },
            { handle: 'username', value: 'hh' },
            { handle: 'password', value: 's3cret' },
          ],
        },
      },
    );
    expect(updated.data!.flxpointUpdateConnection).toEqual({ id, name: 'Returns feed (EU)' });
    const read = await gw.gql(
      'query($id: ID!) { flxpoint { connection(id: $id) { name configs { handle value } } } }',
      { id },
    );
    expect(read.data!.flxpoint.connection.configs.find((c: { handle: string }) => c.handle === 'host').value).toBe(
      'ftp.eu.returns.example',
    );
    const put = gw.sim('flxpoint').requests.find((r) => r.method === 'PUT');
    expect(JSON.parse(put!.body)).toMatchObject({ connectionType: 'ftp', name: 'Returns feed (EU)' });
  });

  it("passes Flxpoint's validation message through as VENDOR_REJECTED", async () => {
    const res = await gw.gql(
      'mutation { flxpointCreateConnection(input: { connectionType: "ftp", name: "Broken" }) { id } }',
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendor: 'flxpoint', vendorStatus: 400 });
    expect(res.errors![0].message).toBe(
      'flxpoint rejected the request: Missing required configs: host, username, password',
    );
  });

  it("creates a reseller channel with Flxpoint's channel type and defaults", async () => {
    const res = await gw.gql(
      'mutation { flxpointCreateChannel(input: { name: "West Coast Dealers", channelType: RESELLER, allowBackorder: true }) { id name channelType paymentCollection autoGeneratePoOnImport allowBackorder channelInvoiceDefaultStatus createdAt } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpointCreateChannel).toMatchObject({
      name: 'West Coast Dealers',
      channelType: 'RESELLER',
      paymentCollection: true,
      autoGeneratePoOnImport: false,
      allowBackorder: true,
    });
    const post = gw.sim('flxpoint').requests.find((r) => r.path === '/channel/');
    expect(JSON.parse(post!.body)).toEqual({
      name: 'West Coast Dealers',
      channelType: 'flxpoint.api.dealers',
      allowBackorder: true,
    });
  });
});

describe('Flxpoint token types', () => {
  let gw: TestGateway;
  let sourceOnly: TestGateway;
  let accountOnly: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    const url = gw.sim('flxpoint').url;
    sourceOnly = await startTestGateway({
      FLXPOINT_BASE_URL: url,
      FLXPOINT_SOURCE_TOKENS: '101=sandbox-flxpoint-source-101',
    });
    accountOnly = await startTestGateway({ FLXPOINT_BASE_URL: url, FLXPOINT_ACCOUNT_TOKEN: ACCOUNT_TOKEN });
  });
  afterAll(async () => {
    await Promise.all([gw.close(), sourceOnly.close(), accountOnly.close()]);
  });

  it('fails a field whose token type is not configured with VENDOR_NOT_CONFIGURED naming it, before any call', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await sourceOnly.gql('{ flxpoint { account { id } } }');
    expect(res.errors![0].extensions).toMatchObject({
      code: 'VENDOR_NOT_CONFIGURED',
      vendor: 'flxpoint',
      retryable: false,
    });
    expect(res.errors![0].message).toBe(
      'flxpoint is not configured for this operation: it needs an Account token (FLXPOINT_ACCOUNT_TOKEN)',
    );
    const other = await sourceOnly.gql(
      '{ flxpoint { inventoryVariants(sourceId: "102", first: 1) { nodes { id } } } }',
    );
    expect(other.errors![0].message).toBe(
      'flxpoint is not configured for this operation: it needs a Source token for source 102 (FLXPOINT_SOURCE_TOKENS) or an Account token (FLXPOINT_ACCOUNT_TOKEN)',
    );
    const channel = await gw.gql(
      '{ flxpoint { resellerProductVariants(channelId: "999", first: 1) { nodes { id } } } }',
    );
    expect(channel.errors![0].message).toBe(
      'flxpoint is not configured for this operation: it needs a Channel token for channel 999 (FLXPOINT_CHANNEL_TOKENS)',
    );
    expect(sim.count()).toBe(0);
  });

  it("uses a source's own token when configured, without a sourceId parameter", async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await sourceOnly.gql(
      '{ vendors { name healthy message } flxpoint { inventoryVariants(sourceId: "101", first: 2) { nodes { sourceId } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.vendors).toContainEqual({
      name: 'flxpoint',
      healthy: true,
      message: 'tokens: 1 source, 0 channel',
    });
    expect(res.data!.flxpoint.inventoryVariants.nodes).toEqual([{ sourceId: '101' }, { sourceId: '101' }]);
    const call = sim.requests.find((r) => r.query.pageSize === '2')!;
    expect(call.headers['x-api-token']).toBe('sandbox-flxpoint-source-101');
    expect(call.query.sourceId).toBeUndefined();
  });

  it('falls back to the Account token with sourceId when a source has no token of its own', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await accountOnly.gql(
      '{ flxpoint { inventoryVariants(sourceId: "102", first: 2) { nodes { sku sourceId } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpoint.inventoryVariants.nodes[0]).toEqual({ sku: 'MW-0001-SLATE', sourceId: '102' });
    expect(sim.requests[0].headers['x-api-token']).toBe(ACCOUNT_TOKEN);
    expect(sim.requests[0].query).toMatchObject({ sourceId: '102', page: '1', pageSize: '2' });
  });

  it('answers 401 to a missing token and 403 to the wrong token type, which map to vendor codes', async () => {
    const url = gw.sim('flxpoint').url;
    // These direct calls bypass the gateway's pacing: start them with an empty rate window.
    gw.sim('flxpoint').state.arrivals.clear();
    expectViolation('flxpoint', 'auth.missing');
    expectViolation('flxpoint', 'auth.header-name');
    expectViolation('flxpoint', 'auth.scope');
    const none = await fetch(`${url}/account`);
    expect(none.status).toBe(401);
    const bearer = await fetch(`${url}/account`, { headers: { authorization: `Bearer ${ACCOUNT_TOKEN}` } });
    expect(bearer.status).toBe(401);
    const wrongType = await fetch(`${url}/account`, { headers: { 'x-api-token': 'sandbox-flxpoint-source-101' } });
    expect(wrongType.status).toBe(403);
    gw.sim('flxpoint').action('revokeTokens');
    const res = await gw.gql('{ flxpoint { account { id } } }');
    expect(res.errors![0].extensions).toMatchObject({ code: 'VENDOR_UNAUTHORIZED', vendorStatus: 401 });
    expect(res.text).not.toContain(ACCOUNT_TOKEN);
    gw.sim('flxpoint').reset();
  });
});
