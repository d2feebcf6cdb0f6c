/**
 * The gateway's closed set of error codes and the single mapping from vendor failures to them.
 *
 * Every error a client sees carries `extensions.code` from {@link ERROR_CODES}. Vendor failures
 * (got errors, HTTP statuses, SOAP Faults) become a {@link GatewayError} through
 * {@link toGatewayError} only; {@link formatError} masks everything else at the edge. Vendor URLs,
 * raw bodies, stacks and credentials never reach a client.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Redactor, stripUrls } from './redact.js';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'VENDOR_UNAUTHORIZED',
  'VENDOR_FORBIDDEN',
  'VENDOR_NOT_FOUND',
  'VENDOR_CONFLICT',
  'VENDOR_RATE_LIMITED',
  'VENDOR_TIMEOUT',
  'VENDOR_UNAVAILABLE',
  'VENDOR_BAD_RESPONSE',
  'VENDOR_REJECTED',
  'VENDOR_NOT_CONFIGURED',
  'UPSTREAM_BUDGET_EXCEEDED',
  // The caller went over its own per-client rate limit (HTTP 429 with Retry-After).
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

declare module 'graphql' {
  interface GraphQLErrorExtensions {
    code?: ErrorCode;
    /** The vendor whose call failed (vendor codes only). */
    vendor?: string;
    /** The vendor's HTTP status or SOAP fault code. */
    vendorStatus?: number | string;
    /** Whether the same request may succeed if sent again later. */
    retryable?: boolean;
  }
}

const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  'VENDOR_RATE_LIMITED',
  'VENDOR_TIMEOUT',
  'VENDOR_UNAVAILABLE',
  'UPSTREAM_BUDGET_EXCEEDED',
  'RATE_LIMITED',
]);

export interface GatewayErrorOptions {
  vendor?: string;
  vendorStatus?: number | string;
  retryable?: boolean;
  cause?: unknown;
}

/** An error whose message and extensions are safe to show a client. */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(stripUrls(message), {
      extensions: {
        code,
        ...(options.vendor !== undefined && { vendor: options.vendor }),
        ...(options.vendorStatus !== undefined && { vendorStatus: options.vendorStatus }),
        retryable: options.retryable ?? RETRYABLE.has(code),
      },
    });
    this.name = 'GatewayError';
    this.code = code;
    // Kept for logs only; formatError never serialises it.
    if (options.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}

/** Shorthand for a caller's mistake. */
export function badUserInput(message: string): GatewayError {
  return new GatewayError('BAD_USER_INPUT', message);
}

// ---------------------------------------------------------------------------------------------
// The one mapping from vendor failures to codes.

/** A SOAP Fault returned by a vendor (see src/http/soap.ts). */
export class SoapFaultError extends Error {
  constructor(
    readonly faultCode: string,
    readonly faultString: string,
    readonly httpStatus?: number,
  ) {
    super(`SOAP Fault ${faultCode}: ${faultString}`);
    this.name = 'SoapFaultError';
  }
}

/**
 * An answer the vendor sent that the client code recognised as a failure (an envelope flag, a
 * vendor-specific error body). Vendor clients throw it; {@link toGatewayError} maps it.
 */
export class VendorResponseError extends Error {
  constructor(
    readonly status: number,
    /** The vendor's own message, shown to the client after redaction for rejections. */
    readonly vendorMessage: string,
    /** A vendor-internal code (e.g. Flowize 436/437) or a code chosen by the vendor client. */
    readonly vendorCode?: number | string,
    readonly forceCode?: ErrorCode,
  ) {
    super(`vendor answered ${status}${vendorCode !== undefined ? `/${vendorCode}` : ''}: ${vendorMessage}`);
    this.name = 'VendorResponseError';
  }
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VENDOR_REJECTED',
  401: 'VENDOR_UNAUTHORIZED',
  402: 'VENDOR_REJECTED',
  403: 'VENDOR_FORBIDDEN',
  404: 'VENDOR_NOT_FOUND',
  405: 'VENDOR_REJECTED',
  408: 'VENDOR_TIMEOUT',
  409: 'VENDOR_CONFLICT',
  410: 'VENDOR_NOT_FOUND',
  413: 'VENDOR_REJECTED',
  415: 'VENDOR_REJECTED',
  422: 'VENDOR_REJECTED',
  429: 'VENDOR_RATE_LIMITED',
};

/** Maps an HTTP status a vendor answered with to a gateway code. */
export function codeForStatus(status: number): ErrorCode {
  if (STATUS_CODES[status]) return STATUS_CODES[status];
  if (status >= 500) return 'VENDOR_UNAVAILABLE';
  if (status >= 400) return 'VENDOR_REJECTED';
  return 'VENDOR_BAD_RESPONSE';
}

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  VENDOR_UNAUTHORIZED: 'rejected the gateway credentials',
  VENDOR_FORBIDDEN: 'refused the operation',
  VENDOR_NOT_FOUND: 'has no such resource',
  VENDOR_CONFLICT: 'reported a conflict',
  VENDOR_RATE_LIMITED: 'is rate limiting the gateway',
  VENDOR_TIMEOUT: 'did not answer in time',
  VENDOR_UNAVAILABLE: 'is unavailable',
  VENDOR_BAD_RESPONSE: 'sent a response the gateway could not understand',
  VENDOR_REJECTED: 'rejected the request',
};

/** Maps a SOAP fault code (`soap:Client`, `env:Receiver`, …) to a gateway code. */
export function codeForSoapFault(faultCode: string): ErrorCode {
  const local = faultCode.split(':').pop()?.toLowerCase() ?? '';
  if (local === 'client' || local === 'sender') return 'VENDOR_REJECTED';
  if (local === 'server' || local === 'receiver') return 'VENDOR_UNAVAILABLE';
  if (local.includes('auth') || local.includes('token')) return 'VENDOR_UNAUTHORIZED';
  if (local === 'versionmismatch' || local === 'mustunderstand') return 'VENDOR_BAD_RESPONSE';
  return 'VENDOR_REJECTED';
}

interface GotLikeError {
  name?: string;
  code?: string;
  response?: { statusCode: number; headers?: Record<string, unknown> };
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * The single mapping from any failure of a vendor call to a {@link GatewayError}. The original
 * error is kept as `cause` (for logs), never shown to the client.
 */
export function toGatewayError(error: unknown, vendor: string): GatewayError {
  if (error instanceof GatewayError) return error;
  const vendorOpt = { vendor, cause: error };
  if (error instanceof VendorResponseError) {
    const code = error.forceCode ?? codeForStatus(error.status);
    const shown = code === 'VENDOR_REJECTED' || error.forceCode ? `: ${error.vendorMessage}` : '';
    return new GatewayError(code, `${vendor} ${MESSAGES[code] ?? 'failed'}${shown}`, {
      ...vendorOpt,
      vendorStatus: error.vendorCode ?? error.status,
    });
  }
  if (error instanceof SoapFaultError) {
    const code = codeForSoapFault(error.faultCode);
    return new GatewayError(code, `${vendor} ${MESSAGES[code] ?? 'failed'}: ${error.faultString}`, {
      ...vendorOpt,
      vendorStatus: error.faultCode,
    });
  }
  const e = (error ?? {}) as GotLikeError;
  if (e.name === 'TimeoutError' || (e.code && TIMEOUT_CODES.has(e.code))) {
    return new GatewayError('VENDOR_TIMEOUT', `${vendor} ${MESSAGES.VENDOR_TIMEOUT}`, vendorOpt);
  }
  if (e.name === 'HTTPError' && e.response) {
    const status = e.response.statusCode;
    const code = codeForStatus(status);
    return new GatewayError(code, `${vendor} ${MESSAGES[code] ?? 'failed'} (HTTP ${status})`, {
      ...vendorOpt,
      vendorStatus: status,
    });
  }
  if (e.name === 'ParseError') {
    return new GatewayError('VENDOR_BAD_RESPONSE', `${vendor} ${MESSAGES.VENDOR_BAD_RESPONSE}`, {
      ...vendorOpt,
      vendorStatus: e.response?.statusCode,
    });
  }
  if ((e.code && CONNECTION_CODES.has(e.code)) || e.name === 'RequestError' || e.name === 'ReadError') {
    return new GatewayError('VENDOR_UNAVAILABLE', `${vendor} ${MESSAGES.VENDOR_UNAVAILABLE}`, vendorOpt);
  }
  return new GatewayError('INTERNAL_SERVER_ERROR', 'Internal server error', vendorOpt);
}

// ---------------------------------------------------------------------------------------------
// The edge: what a client may see.

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);
/** Apollo's own request-level codes, all caused by the caller's document or variables. */
const CALLER_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** The innermost error: a GatewayError wrapped by graphql-js or Apollo, or the error itself. */
function unwrap(error: unknown): unknown {
  let current = error;
  // Duck-typed: graphql-js may be loaded twice (ESM and CJS), so instanceof cannot be trusted here.
  for (let depth = 0; depth < 5 && !(current instanceof GatewayError); depth++) {
    const inner = (current as { originalError?: unknown } | null)?.originalError;
    if (!inner) break;
    current = inner;
  }
  return current;
}

/**
 * Apollo's `formatError` for a gateway whose secrets `redactor` holds: keeps coded errors (with
 * only the documented extensions), turns Apollo's caller-input codes into BAD_USER_INPUT and masks
 * everything else.
 */
export function createFormatError(
  redactor: Redactor,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const redact = (text: string) => redactor.redact(text);
  return (formatted, error) => formatErrorWith(redact, formatted, error);
}

/** `formatError` with no registered secret (URLs are still stripped): for tests and tools. */
export const formatError = createFormatError(new Redactor());

function formatErrorWith(
  redact: (text: string) => string,
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrap(error);
  const base = {
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
  };
  if (original instanceof GatewayError) {
    const ext = original.extensions;
    return {
      message: redact(original.message),
      ...base,
      extensions: {
        code: original.code,
        ...(ext.vendor !== undefined && { vendor: ext.vendor }),
        // A status or fault code, never a vendor's structure (e.g. a parsed XML element).
        ...((typeof ext.vendorStatus === 'number' || typeof ext.vendorStatus === 'string') && {
          vendorStatus: ext.vendorStatus,
        }),
        retryable: ext.retryable ?? false,
      },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && (CALLER_CODES.has(code) || code === 'BAD_USER_INPUT')) {
    return { message: redact(formatted.message), ...base, extensions: { code: 'BAD_USER_INPUT', retryable: false } };
  }
  if (
    typeof code === 'string' &&
    CODES.has(code) &&
    code !== 'INTERNAL_SERVER_ERROR' &&
    original instanceof GraphQLError
  ) {
    return { message: redact(formatted.message), ...base, extensions: { code: code as ErrorCode, retryable: false } };
  }
  return { message: 'Internal server error', ...base, extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false } };
}
