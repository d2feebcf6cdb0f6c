/**
 * The Redis store against a real redis-server (a child process on a free loopback port, nothing
 * persisted): the KeyValueStore contract, degrading to memory when Redis is unreachable, and the
 * point of it — two gateway instances sharing one Flowize token and one HTTP cache.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadConfig } from '../../src/app.js';
import { RedisStore } from '../../src/http/redis-store.js';
import { createLogger } from '../../src/logger.js';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/flowize/index.js';
import { startTestGateway, type TestGateway } from '../helpers.js';
import { freePort, hasRedis, startRedis, type RedisProcess } from '../support/fleet.js';

if (!hasRedis) console.warn('redis-store tests skipped: redis-server is not on PATH (apt-get install redis-server)');

const DEBUG = { 'x-vendorgraph-debug': '1' };
const diagram = (flow: string) => `{ flowize { flowDiagram(flowName: "${flow}") { flowName description } } }`;

/** A store whose warnings land in `lines`. */
function storeWithLog(url: string, lines: string[]): RedisStore {
  const logger = createLogger('info', {
    write: (line: string) => (lines.push(line), true),
  } as unknown as NodeJS.WritableStream);
  return new RedisStore({ url, logger });
}

describe.skipIf(!hasRedis)('redis store', () => {
  let redis: RedisProcess;
  let url: string;
  let raw: Redis;
  let store: RedisStore;

  beforeAll(async () => {
    redis = await startRedis();
    url = redis.url;
    raw = new Redis(url);
    store = storeWithLog(url, []);
  });

  afterAll(async () => {
    await store?.close();
    raw?.disconnect();
    await redis?.kill();
  });

  it('keeps JSON values (and Buffers) under the vendorgraph: prefix', async () => {
    const value = {
      status: 200,
      headers: { etag: '"a1"', 'set-cookie': ['a=1', 'b=2'] },
      text: 'héllo',
      body: Buffer.from([0, 1, 254]),
    };
    await store.set('contract:value', value);
    expect(await store.get('contract:value')).toEqual(value);
    expect(Buffer.isBuffer((await store.get<typeof value>('contract:value'))!.body)).toBe(true);
    expect(await raw.exists('vendorgraph:contract:value')).toBe(1);
    expect(await store.get('contract:absent')).toBeUndefined();
  });

  it('sets an expiry only when given one', async () => {
    await store.set('contract:ttl', 'x', 60_000);
    const pttl = await raw.pttl('vendorgraph:contract:ttl');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    await store.set('contract:ttl', 'y');
    expect(await raw.pttl('vendorgraph:contract:ttl')).toBe(-1);
  });

  it('deletes a key', async () => {
    await store.set('contract:gone', { a: 1 });
    await store.delete('contract:gone');
    expect(await store.get('contract:gone')).toBeUndefined();
  });

  it('increments from zero, expires a new counter and keeps that expiry on later increments', async () => {
    expect(await store.increment('contract:count', 2, 30_000)).toBe(2);
    const first = await raw.pttl('vendorgraph:contract:count');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(30_000);
    expect(await store.increment('contract:count', -1, 600_000)).toBe(1);
    expect(await raw.pttl('vendorgraph:contract:count')).toBeLessThanOrEqual(first);
    expect(await store.get('contract:count')).toBe(1);
    expect(await store.increment('contract:forever')).toBe(1);
    expect(await raw.pttl('vendorgraph:contract:forever')).toBe(-1);
  });

  it('falls back to its own memory with one warning when Redis cannot be reached', async () => {
    const lines: string[] = [];
    const down = storeWithLog(`redis://127.0.0.1:${await freePort()}`, lines);
    try {
      await down.set('token', { accessToken: 't1' });
      expect(await down.get('token')).toEqual({ accessToken: 't1' });
      expect(await down.increment('n', 1, 1_000)).toBe(1);
      await down.delete('token');
      expect(await down.get('token')).toBeUndefined();
      const warnings = lines.filter((l) => l.includes('redis store unavailable'));
      expect(warnings).toHaveLength(1);
    } finally {
      await down.close();
    }
  });

  describe('two gateway instances on one Redis', () => {
    let a: TestGateway;
    let b: TestGateway;

    beforeAll(async () => {
      a = await startTestGateway({ VENDORGRAPH_STORE: 'redis', VENDORGRAPH_REDIS_URL: url });
      const simUrl = a.sim('flowize').env().FLOWIZE_BASE_URL!.replace(/\/v1$/, '');
      // B has no Flowize simulator of its own: it talks to A's, like two replicas to one vendor.
      b = await startTestGateway({
        VENDORGRAPH_STORE: 'redis',
        VENDORGRAPH_REDIS_URL: url,
        FLOWIZE_BASE_URL: `${simUrl}/v1`,
        FLOWIZE_SOAP_URL: `${simUrl}/soap`,
        FLOWIZE_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
        FLOWIZE_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
        FLOWIZE_ORG_API_KEY: SANDBOX_CREDENTIALS.orgApiKey,
      });
    });

    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('shares the Flowize token and the cached answer: the second instance neither logs in nor refetches', async () => {
      const sim = a.sim('flowize');
      const first = await a.gql(diagram('invoice-reminders'), {}, DEBUG);
      expect(first.errors).toBeUndefined();
      expect(sim.count({ path: '/v1/checkauthentication' })).toBe(1);
      sim.clearRequests();

      const second = await b.gql(diagram('invoice-reminders'), {}, DEBUG);
      expect(second.errors).toBeUndefined();
      expect(second.data!.flowize.flowDiagram).toEqual(first.data!.flowize.flowDiagram);
      expect(sim.count({ path: '/v1/checkauthentication' })).toBe(0);
      // Flowize asks for revalidation every time: B sends A's ETag and is answered 304.
      expect(second.extensions!.upstream.flowize).toMatchObject({ calls: 1, revalidations: 1 });
      expect(sim.requests.at(-1)!.headers['if-none-match']).toMatch(/^".+"$/);
    });
  });
});

describe('store configuration', () => {
  it('requires VENDORGRAPH_REDIS_URL with VENDORGRAPH_STORE=redis', () => {
    expect(() => loadConfig({ VENDORGRAPH_STORE: 'redis' })).toThrow(
      /VENDORGRAPH_REDIS_URL: required when VENDORGRAPH_STORE=redis/,
    );
  });

  it('names a bad store and a bad URL without echoing the URL', () => {
    try {
      loadConfig({ VENDORGRAPH_STORE: 'disk', VENDORGRAPH_REDIS_URL: 'http://user:hunter22@cache:6379' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('VENDORGRAPH_STORE: expected memory or redis');
      expect(message).toContain('VENDORGRAPH_REDIS_URL: expected a redis:// or rediss:// URL');
      expect(message).not.toContain('hunter22');
    }
  });

  it('reads a redis store', () => {
    expect(
      loadConfig({ VENDORGRAPH_STORE: 'redis', VENDORGRAPH_REDIS_URL: 'redis://:pw-1234@cache:6379/2' }).store,
    ).toEqual({
      kind: 'redis',
      url: 'redis://:pw-1234@cache:6379/2',
    });
    expect(loadConfig({}).store).toEqual({ kind: 'memory' });
  });
});
