import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from './helpers.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** A stand-in OpenTelemetry collector: keeps every span POSTed to /v1/traces (OTLP/HTTP JSON). */
async function startCollector() {
  const spans: OtlpSpan[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      paths.push(req.url ?? '');
      const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const rs of payload.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    paths,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const attr = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

describe('OpenTelemetry tracing', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  beforeAll(async () => {
    collector = await startCollector();
  });
  afterAll(() => collector.close());

  it('is off unless configured', async () => {
    const gw = await startTestGateway();
    try {
      expect(gw.gateway.server.observability.tracing).toBeUndefined();
    } finally {
      await gw.close();
    }
  });

  it("exports a span per operation, under the caller's trace, with one child span per vendor call", async () => {
    const gw = await startTestGateway({
      VENDORGRAPH_TRACING: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'vendorgraph-test',
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    try {
      const res = await gw.gql(
        'query Traced { flowize { records(first: 2) { nodes { uuid flow { flowName } } } } }',
        {},
        { traceparent: `00-${traceId}-${callerSpan}-01` },
      );
      expect(res.errors).toBeUndefined();
    } finally {
      // Closing the gateway flushes the spans still batched.
      await gw.close();
    }
    expect(collector.paths).toContain('/v1/traces');
    const operation = collector.spans.find((s) => s.name === 'query Traced');
    expect(operation).toMatchObject({ traceId, parentSpanId: callerSpan });
    expect(attr(operation!, 'graphql.operation.name')).toEqual({ stringValue: 'Traced' });
    const children = collector.spans.filter((s) => s.parentSpanId === operation!.spanId);
    expect(children.map((s) => s.name)).toContain('flowize searchRecords');
    const search = children.find((s) => s.name === 'flowize searchRecords')!;
    expect(search.traceId).toBe(traceId);
    expect(attr(search, 'http.response.status_code')).toEqual({ intValue: 200 });
  });
});
