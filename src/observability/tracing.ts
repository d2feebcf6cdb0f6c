/**
 * OpenTelemetry tracing, off unless configured: one server span per GraphQL request (continuing the
 * caller's W3C `traceparent` when there is one), named after the operation, with one client span
 * per vendor call under it. The provider belongs to this gateway and is not registered globally,
 * so the vendor spans find their parent through the request scope rather than a global context
 * manager, and several gateways in one process keep their traces apart.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  defaultTextMapGetter,
  trace,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
} from '@opentelemetry/semantic-conventions';
import type { HttpHandler } from '../http-handlers.js';
import type { GatewayContext } from '../context.js';
import type { VendorCallEvent } from '../http/observers.js';
import { scopeOf, type RequestScope } from '../http/scope.js';
import type { TracingConfig } from './config.js';

const propagator = new W3CTraceContextPropagator();

/** The tracer of one gateway and the spans of its requests in flight. */
export class GatewayTracing {
  readonly #provider: BasicTracerProvider;
  readonly #tracer: Tracer;
  readonly #spans = new WeakMap<RequestScope, Span>();

  /** `exporter` overrides the configured one (tests). */
  constructor(config: TracingConfig, exporter?: SpanExporter) {
    const chosen =
      exporter ??
      (config.exporter === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter({ url: config.endpoint }));
    this.#provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
      spanProcessors: [new BatchSpanProcessor(chosen)],
    });
    this.#tracer = this.#provider.getTracer('vendorgraph');
  }

  /**
   * Starts the server span of a /graphql request; must run after the request's scope is bound (bindScope). The span
   * ends when the response is finished or the connection closes.
   */
  middleware(): HttpHandler {
    return (req, res, next) => {
      const scope = scopeOf(res);
      if (!scope) return next();
      const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      const span = this.#tracer.startSpan(
        `${req.method} /graphql`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: req.method,
            [ATTR_HTTP_ROUTE]: '/graphql',
            'vendorgraph.request_id': scope.requestId,
          },
        },
        parent,
      );
      this.#spans.set(scope, span);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
      res.once('finish', end);
      res.once('close', end);
      next();
    };
  }

  /** Names the server span after the operation and marks it failed when errors were sent. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    const spans = this.#spans;
    return {
      async requestDidStart({ contextValue }) {
        const span = contextValue?.scope && spans.get(contextValue.scope);
        if (!span) return;
        return {
          async didResolveOperation({ operation, operationName }) {
            if (!operation) return;
            span.updateName(`${operation.operation} ${operationName ?? 'anonymous'}`);
            span.setAttributes({
              'graphql.operation.type': operation.operation,
              'graphql.operation.name': operationName ?? '',
            });
          },
          async willSendResponse({ response }) {
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            if (errors.length === 0) return;
            const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
            span.setAttribute('graphql.error.codes', codes);
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
          },
        };
      },
    };
  }

  /** Records a finished vendor call as a client span under its request's span. */
  vendorCall(event: VendorCallEvent): void {
    const scope = event.scope;
    const parent = scope && this.#spans.get(scope);
    // Calls outside a GraphQL request (readiness checks) would only add noise.
    if (!parent) return;
    const end = Date.now();
    const span = this.#tracer.startSpan(
      `${event.vendor} ${event.operation ?? event.method}`,
      {
        kind: SpanKind.CLIENT,
        startTime: new Date(end - event.durationMs),
        attributes: {
          'vendorgraph.vendor': event.vendor,
          'vendorgraph.endpoint': event.operation ?? 'unknown',
          [ATTR_HTTP_REQUEST_METHOD]: event.method,
          ...(typeof event.status === 'number' && { [ATTR_HTTP_RESPONSE_STATUS_CODE]: event.status }),
        },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    if (typeof event.status !== 'number' || event.status >= 400) {
      span.setAttribute(ATTR_ERROR_TYPE, String(event.status ?? 'error'));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end(new Date(end));
  }

  /** Flushes the spans still buffered and stops exporting. */
  async shutdown(): Promise<void> {
    await this.#provider.shutdown();
  }
}
