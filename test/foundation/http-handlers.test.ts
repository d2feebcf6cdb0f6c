/**
 * POST /graphql runs its handlers without Express (src/http-handlers.ts); every other request,
 * including other spellings of the path, goes through Express with the same handlers. A client
 * must not be able to tell the two apart, and a handler's failure must end in a coded JSON error,
 * never a hung request or a stack trace.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGraphqlPath, runHandlers, sendError, type HttpHandler } from '../../src/http-handlers.js';
import { startTestGateway, type TestGateway } from '../helpers.js';

describe('the handler runner', () => {
  let server: Server;
  let origin: string;
  const seen: string[] = [];

  beforeAll(async () => {
    const step =
      (name: string): HttpHandler =>
      (req, _res, next) => {
        seen.push(name);
        const fail = req.headers['x-fail'];
        if (fail === `${name}:next`) return next(new Error(`${name} passed an error`));
        if (fail === `${name}:throw`) throw new Error(`${name} threw`);
        if (fail === `${name}:reject`) return Promise.reject(new Error(`${name} rejected`));
        next();
      };
    const listener = runHandlers(
      [
        step('first'),
        step('second'),
        (_req, res) => {
          seen.push('answer');
          sendError(res, 200, 'NOT_FOUND', 'answered');
        },
      ],
      [
        (error, req, res, next) => {
          seen.push('error handler');
          if (req.headers['x-handle'] === 'yes') return sendError(res, 418, 'BAD_USER_INPUT', (error as Error).message);
          next(error);
        },
      ],
      (error, _req, res) => sendError(res, 500, 'INTERNAL_SERVER_ERROR', `last: ${(error as Error).message}`),
    );
    server = http.createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = async (headers: Record<string, string> = {}) => {
    seen.length = 0;
    const res = await fetch(origin, { method: 'POST', headers });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    return { status: res.status, type: res.headers.get('content-type'), message: body.errors[0]!.message };
  };

  it('runs the handlers in order until one answers', async () => {
    await expect(call()).resolves.toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      message: 'answered',
    });
    expect(seen).toEqual(['first', 'second', 'answer']);
  });

  it.each(['next', 'throw', 'reject'])('sends an error a handler raised with %s to the error handlers', async (how) => {
    const { status, message } = await call({ 'x-fail': `first:${how}`, 'x-handle': 'yes' });
    expect(status).toBe(418);
    expect(message).toMatch(/^first (passed an error|threw|rejected)$/);
    expect(seen).toEqual(['first', 'error handler']);
  });

  it('answers an error no handler answered with the last resort', async () => {
    const { status, message } = await call({ 'x-fail': 'second:throw' });
    expect(status).toBe(500);
    expect(message).toBe('last: second threw');
    expect(seen).toEqual(['first', 'second', 'error handler']);
  });

  it('takes only the canonical GraphQL path', () => {
    expect(isGraphqlPath('/graphql')).toBe(true);
    expect(isGraphqlPath('/graphql?operationName=Q')).toBe(true);
    for (const other of ['/graphql/', '/GraphQL', '/graphqlx', '/', '/metrics', undefined])
      expect(isGraphqlPath(other)).toBe(false);
  });
});

describe('POST /graphql with and without Express', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, gw.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const query = JSON.stringify({ query: '{ vendors { name } }' });

  it('answers the same on the canonical path and on the spellings Express serves', async () => {
    const answers = await Promise.all(
      ['/graphql', '/graphql?x=1', '/graphql/', '/GraphQL'].map(async (path) => {
        const res = await post(path, query, { 'x-request-id': `req-${path.length}` });
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          cacheControl: res.headers.get('cache-control'),
          requestId: res.headers.get('x-request-id'),
          body: await res.json(),
        };
      }),
    );
    const first = answers[0]!;
    expect(first.status).toBe(200);
    expect((first.body as { data: { vendors: unknown[] } }).data.vendors.length).toBeGreaterThan(0);
    for (const [i, answer] of answers.entries()) {
      expect(answer.body).toEqual(first.body);
      expect(answer.type).toBe(first.type);
      expect(answer.cacheControl).toBe(first.cacheControl);
      expect(answer.requestId).toBe(`req-${['/graphql', '/graphql?x=1', '/graphql/', '/GraphQL'][i]!.length}`);
    }
  });

  it('refuses malformed JSON alike on both paths', async () => {
    for (const path of ['/graphql', '/graphql/']) {
      const res = await post(path, '{"query": ');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0]!.message).toBe('The request body is not valid JSON');
    }
  });
});
