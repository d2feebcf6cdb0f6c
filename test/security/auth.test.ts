import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createSecurity } from '../../src/security/index.js';
import { buildSchema, loadConfig, vendorNames } from '../../src/app.js';
import { logLines, startTestGateway, type TestGateway } from '../helpers.js';
import { apiKey, AUTH_ENV, bearer, hsToken, JWT_AUDIENCE, JWT_ISSUER, KEYS } from './support.js';

const READ = '{ flowize { keystoreEntry(keystoreId: "weather", key: "london") { key } } }';
const WRITE =
  'mutation { flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "auth-test", value: 1 }) { value } }';
const ADMIN = 'mutation { flowizeOptimizeEnvironment(id: "2") { id } }';

describe('client authentication with API keys and HS256 tokens', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(AUTH_ENV);
  });
  afterAll(() => gw.close());

  it('refuses a request without credentials with UNAUTHENTICATED and HTTP 401', async () => {
    const res = await gw.gql(READ);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(res.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', retryable: false });
    expect(gw.sim('flowize').count()).toBe(0);
  });

  it('lets a reader query and refuses its mutations with FORBIDDEN', async () => {
    const read = await gw.gql(READ, {}, apiKey(KEYS.reader));
    expect(read.status).toBe(200);
    expect(read.data!.flowize.keystoreEntry.key).toBe('london');
    const write = await gw.gql(WRITE, {}, apiKey(KEYS.reader));
    expect(write.status).toBe(200);
    expect(write.errors![0]).toMatchObject({ path: ['flowizeKeystoreUpsert'], extensions: { code: 'FORBIDDEN' } });
    expect(write.errors![0].message).toContain('requires the operator role');
  });

  it('lets an operator run mutations but not environment administration', async () => {
    const sim = gw.sim('flowize');
    sim.clearRequests();
    const res = await gw.gql(
      `mutation { w: flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "op", value: 2 }) { value } }`,
      {},
      apiKey(KEYS.operator),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.w.value).toBe(2);
    const admin = await gw.gql(ADMIN, {}, apiKey(KEYS.operator));
    expect(admin.errors![0]).toMatchObject({ path: ['flowizeOptimizeEnvironment'], extensions: { code: 'FORBIDDEN' } });
    expect(sim.count({ path: /environment/ })).toBe(0);
  });

  it('runs the permitted mutations of an operation and refuses only the forbidden field', async () => {
    const res = await gw.gql(
      `mutation { first: flowizeKeystoreUpsert(input: { keystoreId: "settings", key: "mixed", value: 3 }) { value } second: flowizeOptimizeEnvironment(id: "2") { id } }`,
      {},
      apiKey(KEYS.operator),
    );
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['second'], extensions: { code: 'FORBIDDEN' } });
    const read = await gw.gql(
      '{ flowize { keystoreEntry(keystoreId: "settings", key: "mixed") { value } } }',
      {},
      apiKey(KEYS.reader),
    );
    expect(read.data!.flowize.keystoreEntry.value).toBe(3);
  });

  it('lets an admin administer environments', async () => {
    gw.sim('flowize').reset();
    const res = await gw.gql(ADMIN, {}, apiKey(KEYS.admin));
    expect(res.errors).toBeUndefined();
    expect(res.data!.flowizeOptimizeEnvironment.id).toBe('2');
  });

  it('accepts a key as "Authorization: ApiKey" and as a bearer credential', async () => {
    expect((await gw.gql(READ, {}, { authorization: `ApiKey ${KEYS.reader}` })).status).toBe(200);
    expect((await gw.gql(READ, {}, { authorization: `Bearer ${KEYS.reader}` })).status).toBe(200);
  });

  it('refuses an unknown key and two credentials at once', async () => {
    const unknown = await gw.gql(READ, {}, apiKey('vg_not_a_key_of_this_gateway_000'));
    expect(unknown.status).toBe(401);
    expect(unknown.text).not.toContain('vg_not_a_key_of_this_gateway_000');
    const both = await gw.gql(READ, {}, { ...apiKey(KEYS.admin), ...bearer(await hsToken()) });
    expect(both.status).toBe(401);
  });

  it('accepts a valid token and takes the highest role it names', async () => {
    const reader = await gw.gql(READ, {}, bearer(await hsToken({ role: 'reader' })));
    expect(reader.status).toBe(200);
    expect(reader.errors).toBeUndefined();
    gw.sim('flowize').reset();
    const admin = await gw.gql(ADMIN, {}, bearer(await hsToken({ role: ['reader', 'admin', 'unknown'] })));
    expect(admin.errors).toBeUndefined();
  });

  it('treats a token without a known role as authenticated but allowed nothing', async () => {
    const res = await gw.gql(READ, {}, bearer(await hsToken({ role: 'superuser' })));
    expect(res.status).toBe(200);
    expect(res.data!.flowize).toBeNull();
    expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it.each([
    ['an expired token', () => hsToken({ expiresIn: -120 }), 'expired'],
    ['a token for another audience', () => hsToken({ audience: 'billing' }), 'audience'],
    ['a token from another issuer', () => hsToken({ issuer: 'https://evil.example/' }), 'issuer'],
    [
      'a token signed with another secret',
      () => hsToken({ secret: 'another-secret-of-at-least-32-characters!' }),
      'signature',
    ],
    ['a token without expiry', () => hsToken({ expiresIn: null }), 'expiry'],
  ])('refuses %s with 401', async (_name, mint, reason) => {
    const token = await mint();
    const res = await gw.gql(READ, {}, bearer(token));
    expect(res.status).toBe(401);
    expect(res.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.errors![0].message).toContain(reason);
    expect(res.text).not.toContain(token);
  });

  it('never logs a credential', async () => {
    const token = await hsToken({ role: 'operator' });
    await gw.gql(READ, {}, bearer(token));
    await gw.gql(READ, {}, apiKey(KEYS.admin));
    const log = logLines.join('\n');
    expect(log).not.toContain(token);
    expect(log).not.toContain(KEYS.admin);
  });
});

describe('tokens signed with asymmetric keys', () => {
  let gwFile: TestGateway;
  let gwUrl: TestGateway;
  let jwksServer: Server;
  let dir: string;
  let signEs: (claims?: Record<string, unknown>) => Promise<string>;
  let signRs: (claims?: Record<string, unknown>) => Promise<string>;
  let signStranger: () => Promise<string>;

  const mint = (alg: string, key: Parameters<SignJWT['sign']>[0], kid: string, claims: Record<string, unknown> = {}) =>
    new SignJWT({ role: 'reader', ...claims })
      .setProtectedHeader({ alg, kid })
      .setSubject('svc-reporting')
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    const es = await generateKeyPair('ES256');
    const rs = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('ES256');
    signEs = (claims) => mint('ES256', es.privateKey, 'es-1', claims);
    signRs = (claims) => mint('RS256', rs.privateKey, 'rs-1', claims);
    signStranger = () => mint('ES256', stranger.privateKey, 'es-1');

    dir = mkdtempSync(join(tmpdir(), 'vendorgraph-jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [{ ...(await exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256' }] }));
    const rsJwks = JSON.stringify({ keys: [{ ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256' }] });
    jwksServer = await new Promise<Server>((resolve) => {
      const s = createHttpServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(rsJwks),
      ).listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (jwksServer.address() as { port: number }).port;
    const common = { VENDORGRAPH_JWT_ISSUER: JWT_ISSUER, VENDORGRAPH_JWT_AUDIENCE: JWT_AUDIENCE };
    gwFile = await startTestGateway({ ...common, VENDORGRAPH_JWT_JWKS_FILE: file });
    gwUrl = await startTestGateway({
      ...common,
      VENDORGRAPH_JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    });
  });
  afterAll(async () => {
    await gwFile.close();
    await gwUrl.close();
    await new Promise((resolve) => jwksServer.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies tokens against a JWKS file', async () => {
    const ok = await gwFile.gql(READ, {}, bearer(await signEs()));
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    const stranger = await gwFile.gql(READ, {}, bearer(await signStranger()));
    expect(stranger.status).toBe(401);
  });

  it('verifies tokens against a JWKS URL', async () => {
    const ok = await gwUrl.gql(READ, {}, bearer(await signRs()));
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    const wrongKey = await gwUrl.gql(READ, {}, bearer(await signEs()));
    expect(wrongKey.status).toBe(401);
  });

  it('refuses an HS256 token forged with the public key as secret (algorithm confusion)', async () => {
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'es-1' })
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('{"kty":"EC","crv":"P-256"} public key as an HMAC secret'));
    const res = await gwFile.gql(ADMIN, {}, bearer(forged));
    expect(res.status).toBe(401);
    expect(res.errors![0].message).toContain('algorithm');
  });

  it('refuses an unsigned token (alg "none")', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ role: 'admin', iss: JWT_ISSUER, aud: JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url');
    const res = await gwFile.gql(ADMIN, {}, bearer(`${header}.${payload}.`));
    expect(res.status).toBe(401);
  });

  it('refuses API keys when none are configured', async () => {
    const res = await gwFile.gql(READ, {}, apiKey(KEYS.admin));
    expect(res.status).toBe(401);
  });
});

describe('open and required modes', () => {
  it('runs a sandbox gateway without client credentials open, and says so at startup', async () => {
    const before = logLines.length;
    const gw = await startTestGateway();
    try {
      const res = await gw.gql(ADMIN);
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      expect(logLines.slice(before).join('\n')).toContain('client authentication is OFF in sandbox mode');
    } finally {
      await gw.close();
    }
  });

  it('never runs a live gateway open unless told to', async () => {
    const before = logLines.length;
    const gw = await startTestGateway({ VENDORGRAPH_MODE: 'live' });
    try {
      const res = await gw.gql('{ vendors { name } }');
      expect(res.status).toBe(401);
      expect(logLines.slice(before).join('\n')).toContain('every GraphQL request is refused with 401');
    } finally {
      await gw.close();
    }
    const open = await startTestGateway({ VENDORGRAPH_MODE: 'live', VENDORGRAPH_AUTH: 'open' });
    try {
      expect((await open.gql('{ vendors { name } }')).status).toBe(200);
      expect(logLines.join('\n')).toContain('client authentication is OFF in LIVE mode');
    } finally {
      await open.close();
    }
  });

  it('turns introspection and GraphiQL off in live mode by default', async () => {
    const live = loadConfig({ VENDORGRAPH_MODE: 'live' });
    expect(live.security!.introspection).toBe(false);
    expect(live.observability!.graphiql).toBe(false);
    const sandbox = loadConfig({ VENDORGRAPH_MODE: 'sandbox' });
    expect(sandbox.security!.introspection).toBe(true);
    expect(sandbox.observability!.graphiql).toBe(true);
    expect(
      loadConfig({ VENDORGRAPH_MODE: 'live', VENDORGRAPH_INTROSPECTION: 'true', VENDORGRAPH_GRAPHIQL: 'true' })
        .security!.introspection,
    ).toBe(true);
  });
});

describe('security configuration', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('requires issuer and audience with any JWT key source', () => {
    expect(problems({ VENDORGRAPH_JWT_SECRET: 'x'.repeat(40) })).toEqual([
      'VENDORGRAPH_JWT_ISSUER: required when client JWTs are configured',
      'VENDORGRAPH_JWT_AUDIENCE: required when client JWTs are configured',
    ]);
  });

  it('names a malformed API key entry without echoing it', () => {
    const found = problems({ VENDORGRAPH_API_KEYS: 'ci:reader:plaintext-key-by-mistake' });
    expect(found).toEqual([
      'VENDORGRAPH_API_KEYS: entry 1 is not name:role:sha256hex (create one with npm run hash-key)',
    ]);
    expect(problems({ VENDORGRAPH_API_KEYS: `ci:root:${'a'.repeat(64)}` })[0]).toContain(
      'expected reader, operator or admin',
    );
  });

  it('refuses a short shared secret and the "none" algorithm', () => {
    const common = { VENDORGRAPH_JWT_ISSUER: 'i', VENDORGRAPH_JWT_AUDIENCE: 'a' };
    expect(problems({ ...common, VENDORGRAPH_JWT_SECRET: 'short' })).toEqual([
      'VENDORGRAPH_JWT_SECRET: expected at least 32 characters',
    ]);
    expect(
      problems({ ...common, VENDORGRAPH_JWT_SECRET: 'x'.repeat(40), VENDORGRAPH_JWT_ALGORITHMS: 'none' }),
    ).toContain('VENDORGRAPH_JWT_ALGORITHMS: "none" is never accepted');
  });
});

describe('schema protection', () => {
  const config = loadConfig({ VENDORGRAPH_MODE: 'sandbox' });
  const schema = createSecurity(config, createLogger('silent')).protect(buildSchema());

  it('protects every Query field with reader and every Mutation field with at least operator', () => {
    for (const field of Object.values(schema.getQueryType()!.getFields()))
      expect(field.extensions.requiresRole, field.name).toBe('reader');
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      expect(['operator', 'admin'], field.name).toContain(field.extensions.requiresRole);
    }
  });

  it('reserves environment and connection administration to admins', () => {
    const admin = Object.values(schema.getMutationType()!.getFields())
      .filter((f) => f.extensions.requiresRole === 'admin')
      .map((f) => f.name);
    expect(admin).toEqual(
      expect.arrayContaining([
        'flowizeCreateEnvironment',
        'flowizeDeleteEnvironment',
        'flowizeRemoveEnvironmentProject',
      ]),
    );
    for (const name of admin) expect(name).toMatch(/Environment|Connection|Channel/);
  });
});

/** A literal for a required argument of `type`, enough to pass validation (the resolver never runs). */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  const scalar = getNamedType(type).name;
  if (scalar === 'Int' || scalar === 'Float') return '1';
  if (scalar === 'Boolean') return 'true';
  if (scalar === 'JSON') return '{}';
  if (scalar === 'DateTime') return '"2024-05-01T00:00:00Z"';
  return '"x"';
}

describe('every mutation, field by field', () => {
  let gw: TestGateway;
  const schema = buildSchema();
  const mutations = Object.values(schema.getMutationType()!.getFields()).map((field) => {
    const args = field.args
      .filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)
      .map((a) => `${a.name}: ${literal(a.type)}`);
    const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
    return {
      name: field.name,
      document: `mutation { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`,
    };
  });
  const adminOnly = new Set(
    Object.values(createSecurity(loadConfig({}), createLogger('silent')).protect(schema).getMutationType()!.getFields())
      .filter((f) => f.extensions.requiresRole === 'admin')
      .map((f) => f.name),
  );

  beforeAll(async () => {
    gw = await startTestGateway(AUTH_ENV);
  });
  afterAll(() => gw.close());

  const upstreamCalls = () => vendorNames.reduce((n, v) => n + gw.sim(v).count(), 0);

  it('refuses every mutation to a reader, and every admin mutation to an operator, without calling a vendor', async () => {
    expect(mutations.length).toBeGreaterThan(40);
    for (const v of vendorNames) gw.sim(v).clearRequests();
    for (const m of mutations) {
      const asReader = await gw.gql(m.document, {}, apiKey(KEYS.reader));
      expect(asReader.errors?.[0]?.extensions.code, `${m.name}: ${asReader.text.slice(0, 200)}`).toBe('FORBIDDEN');
      if (adminOnly.has(m.name)) {
        const asOperator = await gw.gql(m.document, {}, apiKey(KEYS.operator));
        expect(asOperator.errors?.[0]?.extensions.code, m.name).toBe('FORBIDDEN');
      }
    }
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses every query field to a token without a role', async () => {
    const token = await hsToken({ role: [] });
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const res = await gw.gql(
        `{ ${field.name}${isLeafType(getNamedType(field.type)) ? '' : ' { __typename }'} }`,
        {},
        bearer(token),
      );
      expect(res.errors?.[0]?.extensions.code, field.name).toBe('FORBIDDEN');
    }
  });
});
