import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/sandbox/framework.js';
import { SANDBOX_CREDENTIALS, flowizeSimulator } from '../../../src/sandbox/flowize/index.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/flowize/${name}`, import.meta.url), 'utf8');
const CERT = fixture('sandbox-portal.crt');
const KEY = fixture('sandbox-portal.key');
const CA = fixture('sandbox-ca.crt');

const DEBUG = { 'x-vendorgraph-debug': '1' };
const ENV_FIELDS = 'id name status statusName liveStatus package { code name } projectIds';

describe('Flowize environments', () => {
  let gw: TestGateway;
  let sim: Simulator<any>;

  /** Lets Flowize finish the operations under way, then reads the environment, which `done` must accept. */
  async function finished(id: string, done: (env: any) => boolean): Promise<any> {
    sim.action('finishEnvironmentOperations');
    const res = await gw.gql(`query($id: ID!) { flowize { environment(id: $id) { ${ENV_FIELDS} urls { api } } } }`, {
      id,
    });
    expect(res.errors).toBeUndefined();
    const env = res.data!.flowize.environment;
    expect(done(env), JSON.stringify(env)).toBe(true);
    return env;
  }

  beforeAll(async () => {
    gw = await startTestGateway();
    sim = gw.sim('flowize');
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    sim.reset();
    // Operations take until the test says they are done, however slow the machine is.
    sim.state.environmentOperationMs = 3_600_000;
  });

  describe('queries', () => {
    it('lists the environments with status, package, version, storage, stats, URLs and dates in their own time zone', async () => {
      const res = await gw.gql(`{ flowize { environments {
        id name description status statusName package { code name } timeZone active ip projectIds createdAt updatedAt
        softwareVersion { version releasedAt blockingUpdate changelogUrl }
        storage { baseGb totalGb addons used total usedPercentage availablePercentage }
        stats { status currentStorage visits records tasks avgPerformance peakPerformance }
        urls { frontend api html }
      } } }`);
      expect(res.errors).toBeUndefined();
      const [production, staging] = res.data!.flowize.environments;
      expect(production).toMatchObject({
        id: '1',
        name: 'production',
        status: 'READY',
        statusName: 'ready',
        package: { code: 'SS-B', name: 'Single Server B' },
        timeZone: 'Europe/Amsterdam',
        active: true,
        projectIds: ['11', '12'],
        // 10:00 on Amsterdam's wall clock in winter is 09:00 UTC.
        createdAt: '2022-03-01T09:00:00.000Z',
        softwareVersion: {
          version: 'v.8.3.0',
          releasedAt: '2022-06-28T10:00:00.000Z',
          blockingUpdate: true,
          changelogUrl: 'https://kb.flowize.com/changelog/v.8.3.0',
        },
        storage: { baseGb: 40, totalGb: 140 },
        stats: { status: 'OBSERVE', visits: 18230, records: 112408 },
        urls: {
          frontend: 'www-acme-prod-7c1e.onflowize.com',
          api: 'api-acme-prod-7c1e.onflowize.com',
          html: 'web-acme-prod-7c1e.onflowize.com',
        },
      });
      expect(production.storage.addons).toEqual([{ storage: 100, date_created: '2023-09-12 14:20:00' }]);
      // Staging runs in Toronto: its dates are read there (UTC-5 in January).
      expect(staging).toMatchObject({
        id: '2',
        timeZone: 'America/Toronto',
        createdAt: '2023-01-15T14:00:00.000Z',
        package: { code: 'SS-A' },
      });
    });

    it('authenticates with the organization API key, not the gateway credentials', async () => {
      const res = await gw.gql('{ flowize { environments { id } } }');
      expect(res.errors).toBeUndefined();
      const call = sim.requests.find((r) => r.path === '/v1/environment')!;
      expect(call.headers['x-apikey']).toBe(SANDBOX_CREDENTIALS.orgApiKey);
      expect(call.headers.authorization).toBeUndefined();
      expect(call.headers['content-type']).toBe('application/json');
      expect(sim.count({ path: '/v1/checkauthentication' })).toBe(0);
    });

    it('serves environments by id and the list from one list call', async () => {
      const res = await gw.gql(
        `{ flowize {
          a: environment(id: "1") { name }
          b: environment(id: "2") { name }
          missing: environment(id: "99") { name }
          environments { id }
        } }`,
        {},
        DEBUG,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize).toEqual({
        a: { name: 'production' },
        b: { name: 'staging' },
        missing: null,
        environments: [{ id: '1' }, { id: '2' }],
      });
      expect(sim.count({ method: 'GET', path: '/v1/environment' })).toBe(1);
      expect(res.extensions!.upstream.flowize.calls).toBe(1);
    });

    it('loads projects once per environment however often a query asks for them', async () => {
      const res = await gw.gql(`{ flowize {
        a: environment(id: "1") { projects { id name version createdAt updatedAt } }
        b: environment(id: "1") { projects { id } }
        environments { id projects { id } }
      } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.a.projects).toEqual([
        {
          id: '11',
          name: 'Customer portal',
          version: 2,
          createdAt: '2022-03-02T11:00:00.000Z',
          updatedAt: '2023-05-02T10:00:00.000Z',
        },
        {
          id: '12',
          name: 'Billing',
          version: 5,
          createdAt: '2022-06-10T06:30:00.000Z',
          updatedAt: '2024-02-01T16:05:00.000Z',
        },
      ]);
      expect(res.data!.flowize.environments[1].projects).toEqual([{ id: '11' }]);
      expect(sim.count({ path: '/v1/environment/1/projects' })).toBe(1);
      expect(sim.count({ path: '/v1/environment/2/projects' })).toBe(1);
      expect(sim.count({ path: '/v1/environment' })).toBe(1);
    });

    it('asks the status endpoint for the live status', async () => {
      const res = await gw.gql('{ flowize { environments { id liveStatus } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowize.environments).toEqual([
        { id: '1', liveStatus: 'READY' },
        { id: '2', liveStatus: 'READY' },
      ]);
      expect(sim.count({ path: /^\/v1\/environment\/\d+\/status$/ })).toBe(2);
    });

    it('reads the SSL certificate from the environment by id, only when asked', async () => {
      const res = await gw.gql(`{ flowize { environments { id sslCertificate {
        name hash serialNumber version validFrom validTo signatureType purposes
        subject { commonName } issuer { commonName organizationName countryName }
      } } } }`);
      expect(res.errors).toBeUndefined();
      const [production, staging] = res.data!.flowize.environments;
      expect(production.sslCertificate).toMatchObject({
        name: '/CN=portal.acme-finance.example',
        subject: { commonName: 'portal.acme-finance.example' },
        issuer: { commonName: 'R3', organizationName: "Let's Encrypt", countryName: 'US' },
        version: 2,
        validFrom: '2024-04-24T23:06:40.000Z',
        signatureType: 'sha256WithRSAEncryption',
      });
      expect(staging.sslCertificate).toBeNull();
      expect(sim.count({ path: '/v1/environment/1' })).toBe(1);
      expect(sim.count({ path: '/v1/environment/2' })).toBe(1);

      await gw.gql('{ flowize { environments { id name } } }');
      expect(sim.count({ path: /^\/v1\/environment\/\d+$/ })).toBe(2);
    });
  });

  describe('mutations', () => {
    it('creates an environment that becomes ready', async () => {
      const res = await gw.gql(
        `mutation { flowizeCreateEnvironment(input: { name: "reporting", description: "BI exports", package: "SS-A", region: NEW_YORK, timeZone: "America/New_York" }) {
          ${ENV_FIELDS} description timeZone urls { frontend api } stats { visits } storage { baseGb }
        } }`,
      );
      expect(res.errors).toBeUndefined();
      const created = res.data!.flowizeCreateEnvironment;
      expect(created).toMatchObject({
        id: '3',
        name: 'reporting',
        description: 'BI exports',
        status: 'CREATING',
        timeZone: 'America/New_York',
        urls: { frontend: null, api: null },
        stats: null,
        storage: { baseGb: 20 },
      });
      const sent = JSON.parse(sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/environment')!.body);
      expect(sent).toEqual({
        name: 'reporting',
        description: 'BI exports',
        package: 'SS-A',
        region: 'new york',
        timezone: 'America/New_York',
      });

      const ready = await finished('3', (env) => env.status === 'READY');
      expect(ready).toMatchObject({
        liveStatus: 'READY',
        urls: { api: expect.stringMatching(/^api-.+\.onflowize\.com$/) },
      });
    });

    it('rejects a create Flowize would refuse before calling it', async () => {
      const res = await gw.gql(
        'mutation { flowizeCreateEnvironment(input: { name: "x", package: "SS-A", region: LONDON, timeZone: "Mars/Olympus" }) { id } }',
      );
      expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toContain('timeZone');
      const unknown = await gw.gql(
        'mutation { flowizeCreateEnvironment(input: { name: "x", package: "XL", region: LONDON }) { id } }',
      );
      expect(unknown.errors![0]).toMatchObject({
        message: expect.stringContaining('package must be one of'),
        extensions: { code: 'VENDOR_REJECTED', vendorStatus: 400 },
      });
      expect(sim.count({ method: 'POST', path: '/v1/environment' })).toBe(1);
    });

    it('never sends an environment write twice', async () => {
      sim.fault({ method: 'POST', path: '/v1/environment', status: 503, times: 1 });
      const res = await gw.gql(
        'mutation { flowizeCreateEnvironment(input: { name: "x", package: "SS-A", region: LONDON }) { id } }',
      );
      expect(res.errors![0].extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'flowize',
        retryable: true,
      });
      expect(sim.count({ method: 'POST', path: '/v1/environment' })).toBe(1);
    });

    it('updates name and description as multipart form fields', async () => {
      const res = await gw.gql(
        'mutation { flowizeUpdateEnvironment(id: "2", input: { name: "acceptance", description: "UAT" }) { id name description status } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeUpdateEnvironment).toEqual({
        id: '2',
        name: 'acceptance',
        description: 'UAT',
        status: 'READY',
      });
      const call = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/environment/2')!;
      expect(call.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(call.body).toContain('name="name"');
      const list = await gw.gql('{ flowize { environment(id: "2") { name } } }');
      expect(list.data!.flowize.environment.name).toBe('acceptance');
    });

    it('uploads certificate, private key and chain as multipart files', async () => {
      const res = await gw.gql(
        `mutation($cert: String!, $key: String!, $ca: String!) {
          flowizeUpdateEnvironment(id: "2", input: { certificate: { certificate: $cert, privateKey: $key, chain: [$ca] } }) {
            sslCertificate { name subject { commonName organizationName countryName } issuer { commonName } validTo signatureType }
          }
        }`,
        { cert: CERT, key: KEY, ca: CA },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeUpdateEnvironment.sslCertificate).toMatchObject({
        name: '/C=NL/O=Acme Finance B.V./CN=portal.acme-finance.example',
        subject: {
          commonName: 'portal.acme-finance.example',
          organizationName: 'Acme Finance B.V.',
          countryName: 'NL',
        },
        issuer: { commonName: 'Vendorgraph Sandbox Root' },
        signatureType: 'ecdsa-with-SHA256',
      });
      const body = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/environment/2')!.body;
      expect(body).toMatch(/name="certificate_file"; filename="certificate.crt"/);
      expect(body).toMatch(/name="private_key_file"; filename="private.key"/);
      expect(body).toMatch(/name="chain_files"; filename="chain-1.crt"/);
      // The same request's answer carried the certificate: no extra read.
      expect(sim.count({ method: 'GET', path: '/v1/environment/2' })).toBe(0);
    });

    it('uploads a PEM bundle and deletes a certificate', async () => {
      const res = await gw.gql(
        'mutation($pem: String!) { flowizeUpdateEnvironment(id: "2", input: { certificate: { pem: $pem } }) { sslCertificate { subject { commonName } } } }',
        {
          pem: CERT + KEY,
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeUpdateEnvironment.sslCertificate.subject.commonName).toBe('portal.acme-finance.example');
      expect(sim.requests.at(-1)!.body).toMatch(/name="pem_file"; filename="certificate.pem"/);

      const removed = await gw.gql(
        'mutation { flowizeUpdateEnvironment(id: "1", input: { deleteCertificate: true }) { sslCertificate { name } } }',
      );
      expect(removed.errors).toBeUndefined();
      expect(removed.data!.flowizeUpdateEnvironment.sslCertificate).toBeNull();
      expect(sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/environment/1')!.body).toMatch(
        /name="delete_certificate"\r\n\r\n1\r\n/,
      );
    });

    it('reports a private key that does not match the certificate as a vendor rejection', async () => {
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      const res = await gw.gql(
        'mutation($cert: String!, $key: String!) { flowizeUpdateEnvironment(id: "2", input: { certificate: { certificate: $cert, privateKey: $key } }) { id } }',
        {
          cert: CERT,
          key: other,
        },
      );
      expect(res.errors![0]).toMatchObject({
        message: expect.stringContaining('does not match'),
        extensions: { code: 'VENDOR_REJECTED', vendorStatus: 402 },
      });
      expect(res.text).not.toContain('BEGIN PRIVATE KEY');
    });

    it('rejects certificate inputs Flowize would ignore or refuse, without calling it', async () => {
      const update = (input: string) =>
        gw.gql(
          `mutation($cert: String!, $key: String!) { flowizeUpdateEnvironment(id: "2", input: ${input}) { id } }`,
          { cert: CERT, key: KEY },
        );
      for (const input of [
        '{ certificate: { pem: $cert, privateKey: $key } }',
        '{ certificate: { certificate: $cert } }',
        '{ certificate: { privateKey: $key } }',
        '{ certificate: { certificate: "not a certificate", privateKey: $key } }',
        '{ deleteCertificate: true, certificate: { certificate: $cert, privateKey: $key } }',
        '{ }',
      ]) {
        const res = await update(input);
        expect(res.errors![0].extensions.code, input).toBe('BAD_USER_INPUT');
      }
      expect(sim.count({ path: '/v1/environment/2' })).toBe(0);
    });

    it('upgrades the package, then adds storage once the upgrade is done', async () => {
      const res = await gw.gql(
        'mutation { flowizeUpgradeEnvironment(id: "2", input: { package: "SS-C" }) { status package { code } storage { baseGb totalGb } } }',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeUpgradeEnvironment).toEqual({
        status: 'UPGRADING',
        package: { code: 'SS-C' },
        storage: { baseGb: 80, totalGb: 80 },
      });
      expect(JSON.parse(sim.requests.at(-1)!.body)).toEqual({ package: 'SS-C' });

      const busy = await gw.gql('mutation { flowizeUpgradeEnvironment(id: "2", input: { addStorageGb: 100 }) { id } }');
      expect(busy.errors![0].extensions).toMatchObject({ code: 'VENDOR_CONFLICT', vendorStatus: 409 });

      await finished('2', (env) => env.status === 'READY');
      const storage = await gw.gql(
        'mutation { flowizeUpgradeEnvironment(id: "2", input: { addStorageGb: 100 }) { storage { totalGb addons } } }',
      );
      expect(storage.errors).toBeUndefined();
      expect(storage.data!.flowizeUpgradeEnvironment.storage.totalGb).toBe(180);
      expect(JSON.parse(sim.requests.at(-1)!.body)).toEqual({ storage: 100 });
    });

    it('refuses a downgrade (vendor) and an ambiguous upgrade (gateway)', async () => {
      const down = await gw.gql('mutation { flowizeUpgradeEnvironment(id: "1", input: { package: "SS-A" }) { id } }');
      expect(down.errors![0]).toMatchObject({
        message: expect.stringContaining('higher one'),
        extensions: { code: 'VENDOR_REJECTED', vendorStatus: 402 },
      });
      const both = await gw.gql(
        'mutation { flowizeUpgradeEnvironment(id: "1", input: { package: "SS-C", addStorageGb: 100 }) { id } }',
      );
      expect(both.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(sim.count({ path: '/v1/environment/1/upgrade' })).toBe(1);
    });

    it('updates the Flowize version and optimizes storage', async () => {
      const version = await gw.gql(
        'mutation { flowizeUpdateEnvironmentVersion(id: "1") { status softwareVersion { version blockingUpdate } } }',
      );
      expect(version.errors).toBeUndefined();
      expect(version.data!.flowizeUpdateEnvironmentVersion).toEqual({
        status: 'UPGRADING',
        softwareVersion: { version: 'v.8.4.1', blockingUpdate: false },
      });

      const latest = await gw.gql('mutation { flowizeUpdateEnvironmentVersion(id: "2") { id } }');
      expect(latest.errors![0]).toMatchObject({
        message: expect.stringContaining('latest version'),
        extensions: { code: 'VENDOR_REJECTED' },
      });

      const optimized = await gw.gql(
        'mutation { flowizeOptimizeEnvironment(id: "2") { status stats { currentStorage } } }',
      );
      expect(optimized.errors).toBeUndefined();
      expect(optimized.data!.flowizeOptimizeEnvironment).toEqual({
        status: 'UPGRADING',
        stats: { currentStorage: 2.495 },
      });
      expect(sim.count({ method: 'POST', path: '/v1/environment/2/optimize' })).toBe(1);
    });

    it('adds a project with its data actions and removes one', async () => {
      const added = await gw.gql(`mutation { flowizeAddEnvironmentProject(environmentId: "2", projectId: "13", input: {
        staticData: true, fileManager: false, allTables: INSERT_OR_UPDATE,
        keystores: [{ keystoreId: "weather", action: INSERT }, { keystoreId: "settings", action: DELETE_AND_INSERT }]
      }) { projectIds projects { id name version } } }`);
      expect(added.errors).toBeUndefined();
      expect(added.data!.flowizeAddEnvironmentProject).toEqual({
        projectIds: ['11', '13'],
        projects: [
          { id: '11', name: 'Customer portal', version: 3 },
          { id: '13', name: 'Lead intake', version: 2 },
        ],
      });
      expect(JSON.parse(sim.requests.find((r) => r.path === '/v1/environment/2/project/13')!.body)).toEqual({
        static_data: 'yes',
        file_manager: 'no',
        all_tables: 'insert or update',
        keystores: [
          { keystore_id: 'weather', action: 'insert' },
          { keystore_id: 'settings', action: 'delete and insert' },
        ],
      });

      const removed = await gw.gql(
        'mutation { flowizeRemoveEnvironmentProject(environmentId: "1", projectId: "12") { projectIds projects { id } } }',
      );
      expect(removed.errors).toBeUndefined();
      expect(removed.data!.flowizeRemoveEnvironmentProject).toEqual({ projectIds: ['11'], projects: [{ id: '11' }] });
      expect(sim.count({ method: 'DELETE', path: '/v1/environment/1/project/12' })).toBe(1);
    });

    it('copies a newer project version from another environment', async () => {
      const res = await gw.gql(`{ flowize { environment(id: "1") { projects { id version } } } }`);
      expect(res.data!.flowize.environment.projects[0]).toEqual({ id: '11', version: 2 });
      const copied = await gw.gql(
        'mutation { flowizeAddEnvironmentProject(environmentId: "1", projectId: "11", input: { sourceEnvironmentId: "2" }) { projects { id version } } }',
      );
      expect(copied.errors).toBeUndefined();
      expect(copied.data!.flowizeAddEnvironmentProject.projects[0]).toEqual({ id: '11', version: 3 });
      expect(JSON.parse(sim.requests.find((r) => r.path === '/v1/environment/1/project/11')!.body)).toEqual({
        source_environment: 2,
      });

      const older = await gw.gql(
        'mutation { flowizeAddEnvironmentProject(environmentId: "2", projectId: "11", input: { sourceEnvironmentId: "1" }) { id } }',
      );
      expect(older.errors![0]).toMatchObject({
        message: expect.stringContaining('newer version'),
        extensions: { code: 'VENDOR_REJECTED' },
      });
      const both = await gw.gql(
        'mutation { flowizeAddEnvironmentProject(environmentId: "2", projectId: "11", input: { allTables: INSERT, tables: [{ name: "customers", action: INSERT }] }) { id } }',
      );
      expect(both.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('maps and unmaps URLs to project websites and hosted pages', async () => {
      const read = await gw.gql(
        `{ flowize { environments { id urlMappings { url projectId name type createdAt } } } }`,
      );
      expect(read.errors).toBeUndefined();
      expect(read.data!.flowize.environments[0].urlMappings).toEqual([
        {
          url: '/portal/',
          projectId: '11',
          name: 'customer-portal',
          type: 'WEBSITE',
          createdAt: '2023-05-02T10:10:00.000Z',
        },
        {
          url: '/pay/',
          projectId: '12',
          name: 'Payment page',
          type: 'HOSTED_PAGE',
          createdAt: '2022-06-10T07:00:00.000Z',
        },
      ]);
      expect(read.data!.flowize.environments[1].urlMappings).toEqual([]);
      expect(sim.count({ path: /\/urls$/ })).toBe(2);

      const mapped = await gw.gql(`mutation { flowizeMapEnvironmentUrls(environmentId: "1", mappings: [
        { projectId: "12", url: "/invoices/", name: "invoices", type: WEBSITE },
        { projectId: "11", url: "/pay/", name: "Portal payment", type: HOSTED_PAGE }
      ]) { url projectId name type } }`);
      expect(mapped.errors).toBeUndefined();
      expect(mapped.data!.flowizeMapEnvironmentUrls).toEqual([
        { url: '/portal/', projectId: '11', name: 'customer-portal', type: 'WEBSITE' },
        { url: '/pay/', projectId: '11', name: 'Portal payment', type: 'HOSTED_PAGE' },
        { url: '/invoices/', projectId: '12', name: 'invoices', type: 'WEBSITE' },
      ]);
      expect(
        JSON.parse(sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/environment/1/urls')!.body),
      ).toEqual([
        { project_id: 12, url: '/invoices/', name: 'invoices', type: 'website' },
        { project_id: 11, url: '/pay/', name: 'Portal payment', type: 'hostedpage' },
      ]);

      const unmapped = await gw.gql(
        'mutation { flowizeUnmapEnvironmentUrls(environmentId: "1", mappings: [{ projectId: "11", url: "/portal/", type: WEBSITE }]) { url } }',
      );
      expect(unmapped.errors).toBeUndefined();
      expect(unmapped.data!.flowizeUnmapEnvironmentUrls).toEqual([{ url: '/pay/' }, { url: '/invoices/' }]);
      const sent = sim.requests.find((r) => r.method === 'DELETE' && r.path === '/v1/environment/1/urls')!;
      expect(JSON.parse(sent.body)).toEqual([{ project_id: 11, url: '/portal/', type: 'website' }]);

      const foreign = await gw.gql(
        'mutation { flowizeMapEnvironmentUrls(environmentId: "2", mappings: [{ projectId: "12", url: "/x/", name: "x", type: WEBSITE }]) { url } }',
      );
      expect(foreign.errors![0]).toMatchObject({
        message: expect.stringContaining('not hosted'),
        extensions: { code: 'VENDOR_REJECTED' },
      });
      const relative = await gw.gql(
        'mutation { flowizeMapEnvironmentUrls(environmentId: "2", mappings: [{ projectId: "11", url: "https://evil.example/", name: "x", type: WEBSITE }]) { url } }',
      );
      expect(relative.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('deletes an environment, which then leaves the list', async () => {
      const res = await gw.gql('mutation { flowizeDeleteEnvironment(id: "2") { id status statusName } }');
      expect(res.errors).toBeUndefined();
      expect(res.data!.flowizeDeleteEnvironment).toEqual({ id: '2', status: 'DELETING', statusName: 'deleting' });
      expect(sim.count({ method: 'DELETE', path: '/v1/environment/2' })).toBe(1);
      const during = await gw.gql('{ flowize { environments { id } } }');
      expect(during.data!.flowize.environments).toEqual([{ id: '1' }, { id: '2' }]);
      sim.action('finishEnvironmentOperations');
      const list = await gw.gql('{ flowize { environments { id } gone: environment(id: "2") { id } } }');
      expect(list.data!.flowize.gone).toBeNull();
      expect(list.data!.flowize.environments).toEqual([{ id: '1' }]);
    });

    it('answers VENDOR_NOT_FOUND for an unknown environment and BAD_USER_INPUT for a malformed id', async () => {
      const unknown = await gw.gql('mutation { flowizeOptimizeEnvironment(id: "99") { id } }');
      expect(unknown.errors![0].extensions).toMatchObject({ code: 'VENDOR_NOT_FOUND', vendorStatus: 404 });
      const before = sim.requests.length;
      for (const id of ['../record', '1/project/12', '']) {
        const res = await gw.gql('mutation($id: ID!) { flowizeOptimizeEnvironment(id: $id) { id } }', { id });
        expect(res.errors![0].extensions.code, id).toBe('BAD_USER_INPUT');
      }
      const project = await gw.gql(
        'mutation { flowizeRemoveEnvironmentProject(environmentId: "1", projectId: "x") { id } }',
      );
      expect(project.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(sim.requests.length).toBe(before);
    });
  });
});

describe('Flowize environments credentials', () => {
  it('use the organization key in API-key mode too', async () => {
    const gw = await startTestGateway({ FLOWIZE_AUTH_MODE: 'apikey' });
    try {
      const res = await gw.gql('{ flowize { environments { id } } }');
      expect(res.errors).toBeUndefined();
      const call = gw.sim('flowize').requests.find((r) => r.path === '/v1/environment')!;
      expect(call.headers['x-apikey']).toBe(SANDBOX_CREDENTIALS.orgApiKey);
      expect(call.headers['x-app']).toBeUndefined();
    } finally {
      await gw.close();
    }
  });

  it('answer VENDOR_UNAUTHORIZED when Flowize rejects the organization key, while other Flowize fields work', async () => {
    const gw = await startTestGateway({ FLOWIZE_ORG_API_KEY: 'wrong-org-key-5678' });
    try {
      const res = await gw.gql(
        '{ flowize { environments { id } flowDiagram(flowName: "invoice-reminders") { flowName } } }',
      );
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({
        path: ['flowize', 'environments'],
        extensions: { code: 'VENDOR_UNAUTHORIZED', vendor: 'flowize', vendorStatus: 401 },
      });
      expect(res.data!.flowize.flowDiagram).toEqual({ flowName: 'invoice-reminders' });
      expect(res.text).not.toContain('wrong-org-key-5678');
    } finally {
      await gw.close();
    }
  });

  it('answer VENDOR_NOT_CONFIGURED naming FLOWIZE_ORG_API_KEY when it is not set, without calling Flowize', async () => {
    // A base URL set in sandbox mode replaces the simulator's settings: only what is given here applies.
    const sim = await startSimulator(flowizeSimulator);
    const gw = await startTestGateway({
      FLOWIZE_BASE_URL: `${sim.url}/v1`,
      FLOWIZE_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
      FLOWIZE_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
    });
    try {
      const res = await gw.gql(`{ flowize {
        environments { id }
        environment(id: "1") { id }
        flowDiagram(flowName: "invoice-reminders") { flowName }
      } }`);
      expect(res.errors).toHaveLength(2);
      for (const error of res.errors!) {
        expect(error.extensions).toMatchObject({ code: 'VENDOR_NOT_CONFIGURED', vendor: 'flowize', retryable: false });
        expect(error.message).toContain('FLOWIZE_ORG_API_KEY');
      }
      const mutation = await gw.gql('mutation { flowizeOptimizeEnvironment(id: "1") { id } }');
      expect(mutation.errors![0].extensions.code).toBe('VENDOR_NOT_CONFIGURED');
      expect(res.data!.flowize.flowDiagram).toEqual({ flowName: 'invoice-reminders' });
      expect(sim.count({ path: /^\/v1\/environment/ })).toBe(0);
    } finally {
      await gw.close();
      await sim.stop();
    }
  });
});
