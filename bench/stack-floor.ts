/**
 * `npx tsx bench/stack-floor.ts [--json]`: what the one-call query costs on the libraries the
 * gateway is built on before any of vendorgraph's own work, so the report can say how far its CPU
 * goals sit below the stack's floor. Each floor server (bench/lib/floor-server.mjs) reads the
 * GraphQL request, makes one upstream call and answers the field, nothing else: node:http with
 * node:http, node:http with got (the mandated vendor client), Apollo Server + got on node:http with
 * Express's body parser (the stack the gateway serves POST /graphql on), and Express + Apollo Server
 * + got (what it served it on before). They run one at a time, with the flags of `npm run start:prod` and
 * NODE_ENV=production, against an upstream that answers one JSON record after 20 ms, under the
 * load the benchmark's one-call scenario uses (autocannon, 50 connections, random record ids).
 *
 * FLOOR_SECONDS (default 6) sets each measured load (after a 2 s warm-up).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.js';
import { productionNodeFlags } from './lib/node-flags.js';

const SECONDS = Number(process.env.FLOOR_SECONDS ?? 6);
const SCRIPT = fileURLToPath(new URL('./lib/floor-server.mjs', import.meta.url));
const QUERY = 'query Record($uuid: ID!) { record(uuid: $uuid) { uuid data } }';

export const FLOOR_STACKS = {
  node: 'node:http server + node:http client',
  got: 'node:http server + got (as src/http/client.ts sets it up)',
  'apollo-http': 'node:http server + body-parser + Apollo Server 5 + got',
  apollo: 'Express 5 + Apollo Server 5 + got',
} as const;

export interface FloorRow {
  stack: string;
  cpuMsPerOp: number;
  throughput: number;
  p50Ms: number;
  p50AtOneMs: number;
  cpuMsPerOpAtOne: number;
}

interface Started {
  child: ChildProcess;
  port: number;
}

function start(mode: string, env: Record<string, string>): Promise<Started> {
  const child = fork(SCRIPT, [mode], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
    execArgv: productionNodeFlags(),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`floor server ${mode} exited (${code})`)));
  });
}

function cpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { cpu: NodeJS.CpuUsage }) => resolve((m.cpu.user + m.cpu.system) / 1000));
    child.send({ cmd: 'cpu' });
  });
}

export async function measureFloor(): Promise<FloorRow[]> {
  const upstream = await start('upstream', { LATENCY_MS: '20' });
  const rows: FloorRow[] = [];
  try {
    for (const [mode, stack] of Object.entries(FLOOR_STACKS)) {
      const server = await start(mode, { UPSTREAM_URL: `http://127.0.0.1:${upstream.port}/` });
      try {
        const origin = `http://127.0.0.1:${server.port}`;
        const load = (connections: number, durationS: number) =>
          runLoad({
            origin,
            connections,
            durationS,
            graphql: true,
            next: () => ({
              path: '/graphql',
              body: JSON.stringify({ query: QUERY, variables: { uuid: `rec-${Math.floor(Math.random() * 300)}` } }),
            }),
          });
        await load(50, 2);
        const before = await cpuMs(server.child);
        const busy = await load(50, SECONDS);
        const used = (await cpuMs(server.child)) - before;
        if (busy.failedOps > 0) throw new Error(`${stack}: ${busy.failedOps} operations failed`);
        const beforeOne = await cpuMs(server.child);
        const one = await load(1, Math.max(2, SECONDS / 2));
        const usedOne = (await cpuMs(server.child)) - beforeOne;
        rows.push({
          stack,
          cpuMsPerOp: used / busy.ops,
          throughput: busy.throughput,
          p50Ms: busy.latency.p50,
          p50AtOneMs: one.latency.p50,
          cpuMsPerOpAtOne: usedOne / one.ops,
        });
      } finally {
        server.child.kill();
      }
    }
  } finally {
    upstream.child.kill();
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await measureFloor();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows }));
  else {
    console.log(`One-call query, 50 connections, upstream 20 ms (Node ${process.version}):`);
    for (const r of rows)
      console.log(
        `  ${r.cpuMsPerOp.toFixed(3)} ms CPU/op  ${r.throughput.toFixed(0)}/s  p50 ${r.p50Ms.toFixed(1)} ms  at 1 connection: p50 ${r.p50AtOneMs.toFixed(1)} ms, ${r.cpuMsPerOpAtOne.toFixed(3)} ms CPU/op  ${r.stack}`,
      );
  }
}
