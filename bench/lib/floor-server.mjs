/**
 * The processes of bench/stack-floor.ts, in plain JavaScript (no TypeScript loader at run time):
 * `upstream` answers every request with one JSON record after LATENCY_MS; the other modes are the
 * least a gateway on each stack can do for the one-call query (read the GraphQL request, make one
 * upstream call, answer the field), with none of vendorgraph's own work:
 *
 * - `node`: node:http server, hand-parsed request, node:http client (keep-alive agent);
 * - `got`: the same server, the upstream call through got as src/http/client.ts sets it up;
 * - `apollo`: Express 5 + express.json() + Apollo Server 5 (executeHTTPGraphQLRequest, as
 *   src/apollo-express.ts mounts it) with a one-field schema, the upstream call through got;
 * - `apollo-http`: the same Apollo Server and body parser (`express.json()` is body-parser's) on a
 *   bare node:http server, as src/graphql-http.ts serves POST /graphql: what Express's own
 *   request handling adds.
 *
 * Each reports its port over IPC, answers `cpu` with process.cpuUsage(), and exits with its parent.
 */
import { Buffer } from 'node:buffer';
import http from 'node:http';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const mode = process.argv[2];
const RECORD = JSON.stringify({
  data: {
    uuid: '0b6c1a7e-5b7e-4c7c-9d6a-2f1f0c9e4a11',
    flow_name: 'Bestellungen Łódź',
    data: '{"sku":"A-1001","qty":3}',
  },
});

function listen(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ ready: true, port: server.address().port }));
  process.on('message', (m) => {
    if (m?.cmd === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => process.exit(0));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function answer(res, record) {
  const body = JSON.stringify({ data: { record: { uuid: record.data.uuid, data: record.data.data } } });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

if (mode === 'upstream') {
  const latency = Number(process.env.LATENCY_MS ?? 20);
  listen(
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(RECORD);
        }, latency),
      );
    }),
  );
} else {
  const upstream = process.env.UPSTREAM_URL;
  const { default: got } = await import('got');
  const client = got.extend({
    prefixUrl: upstream,
    retry: { limit: 0 },
    throwHttpErrors: true,
    followRedirect: false,
    responseType: 'text',
  });
  const agent = new http.Agent({ keepAlive: true });
  const viaGot = async (uuid) =>
    JSON.parse(
      (
        await client(`v1/record/${uuid}`, {
          headers: { accept: 'application/json' },
          timeout: { connect: 3_000, response: 10_000, request: 15_000 },
        })
      ).body,
    );
  const viaNode = (uuid) =>
    new Promise((resolve, reject) => {
      const request = http.request(`${upstream}v1/record/${uuid}`, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      });
      request.on('error', reject);
      request.end();
    });
  if (mode === 'node' || mode === 'got') {
    const call = mode === 'node' ? viaNode : viaGot;
    listen(
      http.createServer(async (req, res) => {
        const { variables } = JSON.parse(await readBody(req));
        answer(res, await call(variables.uuid));
      }),
    );
  } else if (mode === 'apollo' || mode === 'apollo-http') {
    const { ApolloServer, HeaderMap } = await import('@apollo/server');
    const apollo = new ApolloServer({
      typeDefs: 'type Query { record(uuid: ID!): Record } type Record { uuid: ID! data: String }',
      resolvers: { Query: { record: async (_, { uuid }) => (await viaGot(uuid)).data } },
    });
    await apollo.start();
    // Apollo's answer to a parsed body, as src/apollo-handler.ts writes it.
    const execute = async (req, res) => {
      const headers = new HeaderMap();
      for (const name in req.headers) headers.set(name, String(req.headers[name]));
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: '', body: req.body },
        context: async () => ({}),
      });
      for (const [name, value] of result.headers) res.setHeader(name, value);
      res.statusCode = result.status ?? 200;
      res.end(result.body.kind === 'complete' ? result.body.string : '');
    };
    const { default: express } = await import('express');
    if (mode === 'apollo-http') {
      const json = express.json();
      listen(http.createServer((req, res) => json(req, res, () => execute(req, res))));
    } else {
      const app = express();
      app.use(express.json());
      app.post('/graphql', execute);
      listen(http.createServer(app));
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
