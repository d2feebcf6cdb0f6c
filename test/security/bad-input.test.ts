/**
 * The bad-input suite: hostile and malformed requests, each answered with the right code and HTTP
 * status, none of them leaking a credential, a vendor URL or a stack, and none of them taking a
 * client-supplied id out of its URL path segment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers.js';
import {
  apiKey,
  AUTH_ENV,
  bearer,
  expectNothingLeaked,
  hsToken,
  JWT_SECRET,
  KEYS,
  raw,
  type RawResponse,
} from './support.js';

const OPERATOR = apiKey(KEYS.operator);

interface Case {
  name: string;
  send(gw: TestGateway): Promise<RawResponse>;
  status: number;
  /** The code of the first error; null when the request may succeed (checked by `check`). */
  code: string | null;
  /** Further facts, e.g. a message or where the vendor call went. */
  check?(res: RawResponse, gw: TestGateway): void;
}

const post = (gw: TestGateway, body: unknown, headers: Record<string, string> = OPERATOR) =>
  raw(gw.url, { body: typeof body === 'string' ? body : JSON.stringify(body), headers });
const gql =
  (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = OPERATOR) =>
  (gw: TestGateway) =>
    post(gw, { query, variables }, headers);
const messageContains = (text: string) => (res: RawResponse) =>
  expect(res.json.errors.map((e: { message: string }) => e.message).join(' | ')).toContain(text);

/** The flowize simulator saw only requests whose path matches `pattern` (nothing escaped its segment). */
const flowizePathsMatch = (pattern: RegExp) => (_res: RawResponse, gw: TestGateway) => {
  const paths = gw
    .sim('flowize')
    .requests.map((r) => r.path)
    .filter((p) => !/^\/v1\/(checkauthentication|refreshtoken)$/.test(p));
  expect(paths.length).toBeGreaterThan(0);
  for (const path of paths) expect(path).toMatch(pattern);
};
const flowizeUntouched = (_res: RawResponse, gw: TestGateway) => expect(gw.sim('flowize').count()).toBe(0);

const nest = (depth: number) => `{ ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: vendors { name }`).join(' ')} }`;
const keystore = (id: string, key: string) =>
  gql('query($id: String!, $key: String!) { flowize { keystoreEntry(keystoreId: $id, key: $key) { key } } }', {
    id,
    key,
  });
const tableRow = (table: string, id: string) =>
  gql('query($t: String!, $id: ID!) { flowize { tableRow(table: $t, id: $id) { id } } }', { t: table, id });
const environment = (id: string) => gql('query($id: ID!) { flowize { environment(id: $id) { id } } }', { id });
const webhook = (uri: string) =>
  gql('mutation($u: String!) { flowizePostWebhook(webhookUri: $u, payload: {}) { __typename } }', { u: uri });

const cases: Case[] = [
  // --- Document shape: depth, aliases, tokens, directives, cost -------------------------------
  {
    name: 'a query deeper than the depth limit',
    send: gql('{ flowize { records(first: 1) { edges { node { currentStep { type } } } } } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('depth limit of 5'),
  },
  {
    name: 'a 200-level nesting of unknown fields',
    send: gql(nest(200)),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('depth limit'),
  },
  {
    name: 'depth hidden in fragments',
    send: gql(
      'query { flowize { ...R } } fragment R on FlowizeQuery { records(first: 1) { ...E } } fragment E on FlowizeRecordConnection { edges { node { currentStep { type } } } }',
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('depth limit'),
  },
  {
    name: 'an alias bomb (100 aliases)',
    send: gql(aliases(100)),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('Aliases limit'),
  },
  { name: 'one alias over the limit', send: gql(aliases(16)), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'aliases hidden in a fragment',
    send: gql(
      `{ ...F } fragment F on Query { ${Array.from({ length: 20 }, (_, i) => `v${i}: vendors { name }`).join(' ')} }`,
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a document over the token limit',
    send: gql(`{ vendors { ${'name '.repeat(2_100)}} }`),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('token'),
  },
  {
    name: 'a directive flood',
    send: gql(`{ vendors ${'@include(if: true) '.repeat(30)}{ name } }`),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('Directives limit'),
  },
  {
    name: 'a page size that makes the query too expensive',
    send: gql('{ flowize { records(first: 100000) { nodes { uuid flow { flowName } } } } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('costs'),
  },
  {
    name: 'an expensive page size passed as a variable',
    send: gql('query($n: Int) { flowize { records(first: $n) { nodes { uuid flow { flowName } } } } }', { n: 50_000 }),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (res, gw) => {
      messageContains('costs')(res);
      flowizeUntouched(res, gw);
    },
  },
  {
    name: 'a wide query: many vendor fields under aliases',
    send: gql(
      `{ flowize { ${Array.from({ length: 12 }, (_, i) => `r${i}: records(first: 1000) { nodes { flow { flowName } } }`).join(' ')} } }`,
    ),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a fragment cycle',
    send: gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a fragment fan-out bomb',
    send: gql(
      `{ ...F5 } fragment F0 on Query { vendors { name } } ${[1, 2, 3, 4, 5].map((i) => `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} ...F${i - 1} }`).join(' ')}`,
    ),
    // 243 copies of `vendors` (each priced at the health calls it makes) are refused by their cost.
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('costs'),
  },

  // --- Transport: batching, body size, JSON, CSRF, methods ----------------------------------
  {
    name: 'a batch of two operations',
    send: (gw) => post(gw, [{ query: '{ vendors { name } }' }, { query: '{ vendors { name } }' }]),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('Batched operations are disabled'),
  },
  { name: 'an empty batch', send: (gw) => post(gw, []), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'a body over the size limit',
    send: (gw) => post(gw, { query: `{ vendors { name } } # ${'x'.repeat(1_100_000)}` }),
    status: 413,
    code: 'BAD_USER_INPUT',
    check: messageContains('larger than'),
  },
  {
    name: 'malformed JSON',
    send: (gw) => post(gw, '{"query": "{ vendors { name } }"'),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('not valid JSON'),
  },
  {
    name: 'a JSON string instead of an object',
    send: (gw) => post(gw, '"{ vendors { name } }"'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  { name: 'no query at all', send: (gw) => post(gw, { variables: {} }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a query that is not a string', send: (gw) => post(gw, { query: 42 }), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'a syntax error',
    send: gql('{ vendors { name '),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('Syntax Error'),
  },
  { name: 'an unknown field', send: gql('{ vendors { password } }'), status: 400, code: 'BAD_USER_INPUT' },
  {
    name: 'a GET without a CSRF preflight header',
    send: (gw) =>
      raw(`${gw.url}?query=${encodeURIComponent('{ vendors { name } }')}`, {
        method: 'GET',
        headers: { ...OPERATOR, 'content-type': '' },
      }),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: messageContains('CSRF'),
  },
  {
    name: 'a form post (a cross-site simple request)',
    send: (gw) =>
      raw(gw.url, {
        body: 'query=%7B%20vendors%20%7B%20name%20%7D%20%7D',
        headers: { ...OPERATOR, 'content-type': 'application/x-www-form-urlencoded' },
      }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a mutation sent with GET',
    send: (gw) =>
      raw(`${gw.url}?query=${encodeURIComponent('mutation { flowizeDeleteRecord(uuid: "x") { __typename } }')}`, {
        method: 'GET',
        headers: { ...OPERATOR, 'apollo-require-preflight': '1' },
      }),
    status: 405,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },

  // --- Variables and operations ------------------------------------------------------------
  {
    name: 'a variable of the wrong type',
    send: gql('query($n: Int) { flowize { records(first: $n) { totalCount } } }', { n: 'ten' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a missing required variable',
    send: gql('query($id: ID!) { flowize { environment(id: $id) { id } } }', {}),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'variables that are not an object',
    send: (gw) => post(gw, { query: '{ vendors { name } }', variables: 'x' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an oversized integer',
    send: gql('{ flowize { records(first: 99999999999) { totalCount } } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an operation name that is not in the document',
    send: (gw) => post(gw, { query: 'query A { vendors { name } }', operationName: 'B' }),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'two operations without an operation name',
    send: gql('query A { vendors { name } } query B { vendors { mode } }'),
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a JSON variable nested 100000 levels deep',
    send: (gw) =>
      post(
        gw,
        `{"query":"mutation($v: JSON!) { flowizeKeystoreUpsert(input: { keystoreId: \\"settings\\", key: \\"deep\\", value: $v }) { value } }","variables":{"v":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      ),
    status: 400,
    code: 'BAD_USER_INPUT',
    check: (res, gw) => {
      messageContains('at most 128 levels')(res);
      flowizeUntouched(res, gw);
    },
  },
  {
    name: 'a negative page size',
    send: gql('{ flowize { records(first: -5) { totalCount } } }'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },

  // --- Ids that try to leave their URL path segment ----------------------------------------
  {
    name: 'a keystore id with ../',
    send: keystore('../environment', 'x'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },
  {
    name: 'a keystore key of ..',
    send: keystore('weather', '..'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },
  {
    name: 'a keystore key of %2e%2e',
    send: keystore('weather', '%2e%2e'),
    status: 200,
    code: null,
    check: flowizePathsMatch(/^\/v1\/keystore\/weather\/%252e%252e$/),
  },
  {
    name: 'a keystore key with an encoded slash',
    send: keystore('weather', '..%2F..%2Fenvironment'),
    status: 200,
    code: null,
    check: flowizePathsMatch(/^\/v1\/keystore\/weather\/[^/]+$/),
  },
  {
    name: 'a keystore key with CRLF',
    send: keystore('weather', 'a\r\nHost: evil.example'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },
  {
    name: 'a keystore key with a NUL byte',
    send: keystore('weather', 'a\u0000b'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },
  {
    name: 'a table row id with a path',
    send: tableRow('customers', '1/../../environment'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },
  {
    name: 'a table name starting with //',
    send: tableRow('//evil.example', '1'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },
  // An environment is looked up in Flowize's list, so a hostile id finds nothing and goes nowhere.
  {
    name: 'an environment id with a query string',
    send: environment('1?admin=true'),
    status: 200,
    code: null,
    check: (res, gw) => {
      expect(res.json.data.flowize.environment).toBeNull();
      flowizePathsMatch(/^\/v1\/environment$/)(res, gw);
    },
  },
  {
    name: 'an environment id of ../../',
    send: environment('../../'),
    status: 200,
    code: null,
    check: (res, gw) => {
      expect(res.json.data.flowize.environment).toBeNull();
      flowizePathsMatch(/^\/v1\/environment$/)(res, gw);
    },
  },
  {
    name: 'a webhook uri that is an absolute URL',
    send: webhook('http://evil.example/steal'),
    status: 200,
    code: null,
    check: flowizePathsMatch(/^\/v1\/webhook\/http%3A%2F%2Fevil\.example%2Fsteal$/),
  },
  {
    name: 'a webhook uri starting with //',
    send: webhook('//evil.example'),
    status: 200,
    code: null,
    check: flowizePathsMatch(/^\/v1\/webhook\/%2F%2Fevil\.example$/),
  },
  {
    name: 'a webhook uri with CRLF',
    send: webhook('hook\r\nX-Injected: 1'),
    status: 200,
    code: 'BAD_USER_INPUT',
    check: flowizeUntouched,
  },

  // --- Credentials and roles --------------------------------------------------------------------
  { name: 'no credentials', send: gql('{ vendors { name } }', {}, {}), status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'an unknown API key',
    send: gql('{ vendors { name } }', {}, apiKey('vg_guessed_key_1234567890abcdef')),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an API key of 600 characters',
    send: gql('{ vendors { name } }', {}, apiKey('k'.repeat(600))),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'Basic authentication',
    send: gql('{ vendors { name } }', {}, { authorization: 'Basic YWRtaW46YWRtaW4=' }),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a token that is not a JWT',
    send: gql('{ vendors { name } }', {}, bearer('abc.def.ghi')),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a forged token',
    send: async (gw) =>
      gql(
        '{ vendors { name } }',
        {},
        bearer(await hsToken({ role: 'admin', secret: 'attacker-secret-attacker-secret-attacker' })),
      )(gw),
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an expired token',
    send: async (gw) => gql('{ vendors { name } }', {}, bearer(await hsToken({ expiresIn: -3600 })))(gw),
    status: 401,
    code: 'UNAUTHENTICATED',
    check: messageContains('expired'),
  },
  {
    name: 'a token for another audience',
    send: async (gw) => gql('{ vendors { name } }', {}, bearer(await hsToken({ audience: 'payments' })))(gw),
    status: 401,
    code: 'UNAUTHENTICATED',
    check: messageContains('audience'),
  },
  {
    name: 'a token whose payload was edited to admin',
    send: async (gw) => {
      const [header, , signature] = (await hsToken({ role: 'reader' })).split('.');
      const payload = Buffer.from(
        JSON.stringify({
          role: 'admin',
          sub: 'user-42',
          iss: 'https://id.example.test/',
          aud: 'vendorgraph',
          exp: Math.floor(Date.now() / 1000) + 300,
        }),
      ).toString('base64url');
      return gql('{ vendors { name } }', {}, bearer(`${header}.${payload}.${signature}`))(gw);
    },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a reader running a mutation',
    send: gql('mutation { flowizeDeleteRecord(uuid: "x") { __typename } }', {}, apiKey(KEYS.reader)),
    status: 200,
    code: 'FORBIDDEN',
    check: flowizeUntouched,
  },
  {
    name: 'an operator deleting an environment',
    send: gql('mutation { flowizeDeleteEnvironment(id: "1") { __typename } }'),
    status: 200,
    code: 'FORBIDDEN',
    check: flowizeUntouched,
  },
  {
    name: 'a token with a role this gateway does not know',
    send: async (gw) => gql('{ vendors { name } }', {}, bearer(await hsToken({ role: 'root' })))(gw),
    status: 200,
    code: 'FORBIDDEN',
  },
];

describe('the bad-input suite', () => {
  let gw: TestGateway;
  let secrets: string[];
  beforeAll(async () => {
    gw = await startTestGateway({ ...AUTH_ENV, VENDORGRAPH_MAX_DEPTH: '5' });
    secrets = [
      ...Object.values(KEYS),
      JWT_SECRET,
      ...Object.values(gw.sim('flowize').env()).filter((v) => !/^https?:/.test(v) && v.length >= 8),
    ];
  });
  afterAll(() => gw.close());

  it('has at least 40 hostile or malformed requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of cases) {
    it(`answers ${c.name} with ${c.code ?? 'no error of its own'} and HTTP ${c.status}`, async () => {
      gw.sim('flowize').reset();
      const res = await c.send(gw);
      expect(res.status, res.text.slice(0, 300)).toBe(c.status);
      expect(res.json, 'a JSON body').toBeDefined();
      if (c.code) expect(res.json.errors?.[0]?.extensions?.code, res.text.slice(0, 300)).toBe(c.code);
      for (const error of res.json.errors ?? [])
        expect(Object.keys(error.extensions ?? {}).sort()).not.toContain('stacktrace');
      expectNothingLeaked(res.text, secrets);
      c.check?.(res, gw);
    });
  }
});

describe('limits of a production-like gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      ...AUTH_ENV,
      VENDORGRAPH_INTROSPECTION: 'false',
      VENDORGRAPH_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(() => gw.close());

  it('refuses introspection and hides field suggestions', async () => {
    const intro = await gw.gql('{ __schema { types { name } } }', {}, apiKey(KEYS.reader));
    expect(intro.status).toBe(400);
    expect(intro.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const typo = await gw.gql('{ vendor { name } }', {}, apiKey(KEYS.reader));
    expect(typo.status).toBe(400);
    expect(typo.errors![0].message).not.toContain('Did you mean');
  });

  it('answers a client over its rate limit with RATE_LIMITED, HTTP 429 and Retry-After, other clients unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await gw.gql('{ vendors { name } }', {}, apiKey(KEYS.operator))).status);
    expect(statuses).toEqual([200, 200, 200]);
    const over = await gw.gql('{ vendors { name } }', {}, apiKey(KEYS.operator));
    expect(over.status).toBe(429);
    expect(over.errors![0].extensions).toEqual({ code: 'RATE_LIMITED', retryable: true });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await gw.gql('{ vendors { name } }', {}, apiKey(KEYS.admin))).status).toBe(200);
  });
});
