/**
 * One gateway process with `VENDORGRAPH_WORKERS=2` and no Redis (`npm start` as a child process,
 * pointed at simulators this test runs, so it can read what they saw): the workers coordinate
 * through the primary and behave as one gateway — one login, one Flxpoint schedule per token, one
 * per-client count — and a worker that dies is replaced.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../src/sandbox/flxpoint/index.js';
import { hashApiKey } from '../../src/security/auth.js';
import { arrivals, freePort, startSharedSimulators, tightestWindow, type SharedSimulators } from '../support/fleet.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COLD =
  '{ flowize { flowDiagram(flowName: "invoice-reminders") { flowName } } appmixer { flows(first: 1) { nodes { id } } } }';
const ORDER = 'query Order($id: ID!) { flxpoint { order(id: $id) { id orderNumber } } }';

/** One API key per test, so each test's requests count against a client of their own (limit 10 per minute). */
const CLIENTS = ['cold-1', 'cold-2', 'flx-1', 'flx-2', 'limited', 'survivor'].map((name) => ({
  name,
  key: `sk_${randomBytes(18).toString('base64url')}`,
}));
const key = (name: string) => CLIENTS.find((c) => c.name === name)!.key;

interface Answer {
  status: number;
  worker: string | undefined;
  body: any;
}

/** POSTs over a new connection each time, so the primary hands consecutive requests to different workers. */
function post(url: string, query: string, variables: Record<string, unknown>, apiKey: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-api-key': apiKey } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            worker: res.headers['x-vendorgraph-worker'] as string | undefined,
            body: JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query, variables }));
  });
}

/** Which worker answered GET /healthz over a new connection. */
function health(graphqlUrl: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/healthz', graphqlUrl), { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.headers['x-vendorgraph-worker'] as string | undefined));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The worker processes of the primary `pid`. */
/**
 * The primary's worker processes: its node children. (Run through tsx, the primary may also have
 * an esbuild service child, when its sources are not in tsx's cache yet, as on a fresh machine.)
 */
function workerPids(pid: number): number[] {
  const out = spawnSync('ps', ['--ppid', String(pid), '-o', 'pid=,comm='], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([id, command]) => id && command === 'node')
    .map(([id]) => Number(id));
}

describe('one process with VENDORGRAPH_WORKERS=2 and no Redis', () => {
  let shared: SharedSimulators;
  let child: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    shared = await startSharedSimulators();
    const port = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...shared.env,
        VENDORGRAPH_MODE: 'sandbox',
        VENDORGRAPH_WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        VENDORGRAPH_AUTH: 'required',
        VENDORGRAPH_API_KEYS: CLIENTS.map((c) => `${c.name}:operator:${hashApiKey(c.key)}`).join(','),
        VENDORGRAPH_RATE_LIMIT_PER_MINUTE: '10',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('GraphQL at')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before serving:\n${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await shared?.stop();
  });

  it('logs in once for 20 concurrent cold requests served by both workers', async () => {
    const { flowize, appmixer } = shared.sims;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(url, COLD, {}, key(i < 10 ? 'cold-1' : 'cold-2'))),
    );
    expect(answers.map((a) => a.body.errors)).toEqual(answers.map(() => undefined));
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
    expect(flowize.count({ path: '/v1/checkauthentication' })).toBe(1);
    expect(appmixer.count({ method: 'POST', path: '/user/auth' })).toBe(1);
  });

  it('keeps one Flxpoint schedule per token: 16 concurrent calls over both workers, no 429, within 1.25 × the minimum time', async () => {
    const sim = shared.sims.flxpoint;
    const ids = (sim.state.orders as { id: number }[]).slice(0, 16).map((o) => String(o.id));
    sim.clearRequests();
    const t0 = performance.now();
    const answers = await Promise.all(ids.map((id, i) => post(url, ORDER, { id }, key(i < 8 ? 'flx-1' : 'flx-2'))));
    const totalMs = performance.now() - t0;
    expect(answers.map((a) => a.body.errors)).toEqual(ids.map(() => undefined));
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
    expect(sim.state.rateLimited).toBe(0);
    const times = arrivals(sim, SANDBOX_TOKENS.account, /^\/orders\/\d+$/);
    expect(times).toHaveLength(16);
    expect(tightestWindow(times, 2)).toBeGreaterThanOrEqual(1000);
    const minimumMs = (16 / 2 - 1) * 1000;
    console.info(
      `16 Flxpoint calls over two workers: ${Math.round(totalMs)} ms (minimum ${minimumMs} ms: ×${(totalMs / minimumMs).toFixed(3)})`,
    );
    expect(totalMs).toBeLessThanOrEqual(1.25 * minimumMs);
  }, 30_000);

  it('counts a client once across workers: a limit of 10 per minute lets exactly 10 of 20 alternating requests through', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 20; i++) answers.push(await post(url, '{ __typename }', {}, key('limited')));
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(['1', '2']));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
    expect(answers.filter((a) => a.status === 429).map((a) => a.body.errors[0].extensions.code)).toEqual(
      Array(10).fill('RATE_LIMITED'),
    );
  });

  it('replaces a worker that dies, and the survivors keep the shared state', async () => {
    const before = workerPids(child.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0], 'SIGKILL');
    const started = performance.now();
    let after: number[] = [];
    while (performance.now() - started < 30_000) {
      after = workerPids(child.pid!);
      if (
        after.length === 2 &&
        !after.includes(before[0]) &&
        /"msg":"worker exited: starting a replacement"/.test(output)
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(after).toHaveLength(2);
    expect(after).not.toContain(before[0]);
    // The replacement (worker 3) serves once it has booted.
    let served = false;
    while (!served && performance.now() - started < 30_000) {
      const probes = await Promise.all([0, 1].map(() => health(url)));
      served = probes.includes('3');
      if (!served) await new Promise((r) => setTimeout(r, 100));
    }
    expect(served).toBe(true);
    // Whichever worker answers, the token logged in before the death is still the one used.
    const answer = await post(url, COLD, {}, key('survivor'));
    expect(answer.body.errors).toBeUndefined();
    expect(shared.sims.flowize.count({ path: '/v1/checkauthentication' })).toBe(1);
  }, 40_000);
});
