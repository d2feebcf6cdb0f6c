/**
 * `npx tsx bench/client-cost.ts`: CPU per vendor call of the HTTP clients the gateway could use,
 * measured the same way for each: a loopback server in a child process answers a small JSON body,
 * the client keeps 10 calls in flight with keep-alive, and the process's own CPU time is divided
 * by the calls. got is configured as the gateway's shared layer configures it (src/http/client.ts:
 * prefixUrl, text response, no got retries, three timeouts), once as shipped and once with the
 * gateway's Node 20 options shim (src/http/got-options.ts), so the difference between the rows is
 * the floor the client itself puts under every vendor call of every benchmark scenario.
 *
 * `--json` prints the rows as JSON (bench/run.ts puts them in the report).
 * CLIENT_COST_CALLS (default 4000) sets the calls per round; each client runs two rounds after a
 * warm-up and the second is reported.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import got from 'got';
import { installGotOptionsShim } from '../src/http/got-options.js';

const CALLS = Number(process.env.CLIENT_COST_CALLS ?? 4_000);
const IN_FLIGHT = 10;

if (process.argv[2] === 'server') {
  const body = JSON.stringify({ data: Array.from({ length: 5 }, (_, id) => ({ id, name: `record ${id}` })) });
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
} else {
  const child = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  const url = `http://127.0.0.1:${port}/records`;
  const agent = new http.Agent({ keepAlive: true });
  const headers = { accept: 'application/json', 'x-request-id': 'bench' };
  const shared = got.extend({
    prefixUrl: `http://127.0.0.1:${port}/`,
    retry: { limit: 0 },
    throwHttpErrors: true,
    followRedirect: false,
    responseType: 'text',
  });
  const gotCall = () =>
    shared('records', { headers, timeout: { connect: 3_000, response: 10_000, request: 15_000 } }).then(
      (res) => res.body,
    );
  const clients: Record<string, () => Promise<string>> = {
    'node:http (keep-alive agent)': () =>
      new Promise<string>((resolve, reject) => {
        const request = http.request(url, { agent, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
        });
        request.on('error', reject);
        request.end();
      }),
    'fetch (undici, built into Node)': () => fetch(url, { headers }).then((res) => res.text()),
    'got 14 as shipped (prefixUrl, text, no retries, three timeouts)': gotCall,
    // Last: the shim changes got for the whole process.
    'got 14 (as src/http/client.ts sets it up, with its Node 20 options shim)': () => {
      installGotOptionsShim();
      return gotCall();
    },
  };
  const rows: { client: string; cpuMsPerCall: number }[] = [];
  for (const [name, call] of Object.entries(clients)) {
    let cpuMs = 0;
    for (let round = 0; round < 3; round++) {
      const before = process.cpuUsage();
      const calls = round === 0 ? 500 : CALLS;
      for (let i = 0; i < calls; i += IN_FLIGHT) await Promise.all(Array.from({ length: IN_FLIGHT }, call));
      const used = process.cpuUsage(before);
      cpuMs = (used.user + used.system) / 1000 / calls;
    }
    rows.push({ client: name, cpuMsPerCall: Number(cpuMs.toFixed(3)) });
  }
  // The gateway's own got first: the report reads it as the floor under every vendor call.
  rows.reverse();
  child.disconnect();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ calls: CALLS, inFlight: IN_FLIGHT, rows }));
    process.exit(0);
  }
  console.log(`CPU per call, ${CALLS} calls, ${IN_FLIGHT} in flight, loopback, keep-alive (Node ${process.version}):`);
  for (const row of rows) console.log(`  ${row.cpuMsPerCall.toFixed(3)} ms  ${row.client}`);
}
