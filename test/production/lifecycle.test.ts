import { request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, ListenError } from '../../src/lifecycle/listen.js';
import { exitOnTerminationSignals, GracefulShutdown, type ShutdownReport } from '../../src/lifecycle/shutdown.js';
import { createLogger } from '../../src/logger.js';
import { HealthCache } from '../../src/observability/health-cache.js';
import { createReadiness } from '../../src/observability/readiness.js';

const logger = createLogger('silent');
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A server whose /slow requests wait until `release()` is called. */
async function slowServer(shutdown: GracefulShutdown) {
  const waiting: (() => void)[] = [];
  const app: RequestListener = (req, res) => {
    const answer = () => res.writeHead(200, { 'content-type': 'text/plain' }).end('done');
    if (req.url === '/slow') waiting.push(answer);
    else answer();
  };
  const server = await listen(shutdown.handler(app), { port: 0, host: '127.0.0.1' });
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { server, port, release: () => waiting.splice(0).forEach((answer) => answer()), waiting };
}

/** One request on a new connection: status, headers and body, or the network error code. */
function get(
  port: number,
  path: string,
): Promise<{ status?: number; connection?: string; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
    req.end();
  });
}

describe('GracefulShutdown', () => {
  it('answers new requests 503 with Connection: close while the one in flight finishes', async () => {
    const shutdown = new GracefulShutdown({ logger, timeoutMs: 5_000 });
    const { port, release, waiting } = await slowServer(shutdown);
    const inFlight = get(port, '/slow');
    while (waiting.length === 0) await new Promise((r) => setTimeout(r, 5));

    // Not attached: the listener stays open, so the refusal itself is what this test sees.
    const done = shutdown.shutdown();
    expect(shutdown.draining).toBe(true);
    expect(await get(port, '/graphql')).toMatchObject({
      status: 503,
      connection: 'close',
      body: expect.stringContaining('shutting down'),
    });
    expect(await get(port, '/readyz')).toEqual({ status: 503, connection: 'close', body: '{"status":"draining"}' });
    release();
    expect(await inFlight).toMatchObject({ status: 200, connection: 'close', body: 'done' });
    expect(await done).toMatchObject({ completed: 1, abandoned: 0, failed: [] });
  });

  it('closes the listener, then runs the closers in order, and reports those that fail', async () => {
    const order: string[] = [];
    const shutdown = new GracefulShutdown({
      logger,
      timeoutMs: 1_000,
      closers: [
        { name: 'apollo', close: () => void order.push('apollo') },
        {
          name: 'redis',
          close: () => {
            throw new Error('quit failed');
          },
        },
      ],
    });
    shutdown.addCloser({ name: 'simulators', close: async () => void order.push('simulators') });
    const { server, port } = await slowServer(shutdown);
    shutdown.attach(server);
    const report = await shutdown.shutdown();
    expect(order).toEqual(['apollo', 'simulators']);
    expect(report.failed).toEqual(['redis']);
    expect(server.listening).toBe(false);
    expect((await get(port, '/')).error).toBe('ECONNREFUSED');
  });

  it('cuts a request still running at the deadline', async () => {
    const shutdown = new GracefulShutdown({ logger, timeoutMs: 50 });
    const { server, port, waiting } = await slowServer(shutdown);
    shutdown.attach(server);
    const hung = get(port, '/slow');
    while (waiting.length === 0) await new Promise((r) => setTimeout(r, 5));
    const report = await shutdown.shutdown();
    expect(report).toMatchObject({ completed: 0, abandoned: 1 });
    expect((await hung).error).toBe('ECONNRESET');
  });
});

describe('exitOnTerminationSignals', () => {
  it('exits 0 after the drain on the first signal, and at once with 128 + the signal number on the second', async () => {
    const exits: number[] = [];
    let finish!: (report: ShutdownReport) => void;
    const remove = exitOnTerminationSignals({
      logger,
      shutdown: () => new Promise((resolve) => (finish = resolve)),
      hardDeadlineMs: 60_000,
      exit: (code) => void exits.push(code),
      signals: ['SIGUSR2'],
    });
    try {
      process.emit('SIGUSR2', 'SIGUSR2');
      expect(exits).toEqual([]);
      process.emit('SIGUSR2', 'SIGUSR2');
      expect(exits).toEqual([128 + 12]);
      finish({ completed: 0, abandoned: 0, failed: [], durationMs: 1 });
      await new Promise((r) => setTimeout(r, 0));
      expect(exits).toEqual([140, 0]);
    } finally {
      remove();
    }
  });
});

describe('listen', () => {
  it('rejects with a message naming the host and port when the port is taken', async () => {
    const first = await listen(() => undefined, { port: 0, host: '127.0.0.1' });
    servers.push(first);
    const port = (first.address() as AddressInfo).port;
    const error = await listen(() => undefined, { port, host: '127.0.0.1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ListenError);
    expect((error as ListenError).message).toBe(
      `cannot listen on 127.0.0.1:${port}: port ${port} is already in use by another process; stop it or set PORT to a free port (EADDRINUSE)`,
    );
  });
});

describe('HealthCache', () => {
  it('serves one round of checks to every caller within its TTL, and joins a round in flight', async () => {
    let now = 0;
    let rounds = 0;
    const cache = new HealthCache({
      ttlMs: 5_000,
      now: () => now,
      check: async () => {
        rounds++;
        return [{ name: 'flowize', healthy: rounds > 1 }];
      },
    });
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(rounds).toBe(1);
    now = 4_999;
    await cache.get();
    expect(rounds).toBe(1);
    expect(cache.hasAnswered('flowize')).toBe(false);
    now = 5_000;
    expect(await cache.get()).toEqual([{ name: 'flowize', healthy: true }]);
    expect(rounds).toBe(2);
    expect(cache.hasAnswered('flowize')).toBe(true);
  });
});

describe('readiness', () => {
  const vendors = [
    { name: 'flowize', mode: 'LIVE' as const },
    { name: 'flexipim', mode: 'NOT_CONFIGURED' as const },
  ];

  it('waits for every configured vendor to answer once, then only reports later failures (degraded)', async () => {
    let now = 0;
    let healthy = false;
    const health = new HealthCache({ ttlMs: 0, check: async () => [{ name: 'flowize', healthy }] });
    const readiness = createReadiness({ vendors, health, graceMs: 30_000, now: () => now, startedAt: 0 });
    expect(await readiness()).toMatchObject({
      ready: false,
      status: 'unavailable',
      unreachable: ['flowize'],
      notConfigured: ['flexipim'],
      reason: expect.stringContaining('waiting for flowize'),
    });
    healthy = true;
    expect(await readiness()).toMatchObject({ ready: true, status: 'ready', unreachable: [] });
    healthy = false;
    now = 1_000;
    expect(await readiness()).toMatchObject({
      ready: true,
      status: 'degraded',
      unreachable: ['flowize'],
      reason: 'not reachable: flowize',
    });
  });

  it('stops waiting for a vendor that never answered once the grace is over', async () => {
    let now = 0;
    const health = new HealthCache({ ttlMs: 0, check: async () => [{ name: 'flowize', healthy: false }] });
    const readiness = createReadiness({ vendors, health, graceMs: 30_000, now: () => now, startedAt: 0 });
    expect((await readiness()).ready).toBe(false);
    now = 30_000;
    expect(await readiness()).toMatchObject({ ready: true, status: 'degraded', unreachable: ['flowize'] });
  });

  it('is never ready with no vendor configured', async () => {
    const health = new HealthCache({ ttlMs: 0, check: async () => [] });
    const readiness = createReadiness({ vendors: [{ name: 'flowize', mode: 'NOT_CONFIGURED' }], health, graceMs: 0 });
    expect(await readiness()).toMatchObject({
      ready: false,
      status: 'unavailable',
      reason: expect.stringContaining('no vendor is configured'),
    });
  });
});
