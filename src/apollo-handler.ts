/**
 * Apollo Server as a request handler on node:http's request and response (src/http-handlers.ts;
 * Express mounts it as well): what `@as-integrations/express5` does (headers into a HeaderMap,
 * `executeHTTPGraphQLRequest`, the answer back onto the response), minus two per-request costs the
 * benchmarks' one-call profile showed: a legacy `url.parse()` of every request URL just to read its
 * query string (3.6% of the gateway's CPU on Node 24), and Express's `res.send()`, which inspects
 * and re-types a body Apollo has already serialised and typed.
 */
import type { ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { HttpHandler, HttpRequest } from './http-handlers.js';

export function apolloHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: HttpRequest, res: ServerResponse) => Promise<C>,
): HttpHandler {
  server.assertStarted('apolloHandler()');
  return async (req, res, next) => {
    try {
      const headers = new HeaderMap();
      for (const name in req.headers) {
        const value = req.headers[name];
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const answer = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: query === -1 ? '' : url.slice(query),
          body: req.body,
        },
        context: () => context(req, res),
      });
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.statusCode = answer.status ?? 200;
      if (answer.body.kind === 'complete') {
        res.end(answer.body.string);
        return;
      }
      for await (const chunk of answer.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    }
  };
}
