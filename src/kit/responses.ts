/**
 * Helpers for reading vendor answers: the "bad response" error every vendor raises when an answer
 * does not have the shape its docs promise, shape checks built on it, and the preamble every
 * error-body parser shares (JSON when it is JSON, else short plain text).
 */
import { GatewayError, VendorResponseError, type ErrorCode } from '../errors.js';
import type { VendorResponse } from '../http/client.js';

/** VENDOR_BAD_RESPONSE: the vendor answered, but not in a shape the gateway understands. */
export function badResponse(vendor: string, message: string, vendorStatus?: number): GatewayError {
  return new GatewayError('VENDOR_BAD_RESPONSE', message, {
    vendor,
    ...(vendorStatus !== undefined && { vendorStatus }),
  });
}

/** The answer's JSON array, or VENDOR_BAD_RESPONSE naming `what` (a list, the apps …). */
export function expectArray<T>(vendor: string, res: VendorResponse<unknown>, what = 'a list'): T[] {
  if (!Array.isArray(res.data))
    throw badResponse(vendor, `${vendor} sent ${what} the gateway could not understand`, res.status);
  return res.data as T[];
}

/** The answer's JSON object, or VENDOR_BAD_RESPONSE naming `what`. */
export function expectObject<T>(vendor: string, res: VendorResponse<unknown>, what = 'a response'): T {
  if (!res.data || typeof res.data !== 'object' || Array.isArray(res.data)) {
    throw badResponse(vendor, `${vendor} sent ${what} the gateway could not understand`, res.status);
  }
  return res.data as T;
}

/** What an error body says, as the vendor's reader found it. */
export interface ErrorReason {
  message?: string;
  /** A vendor-internal code (Flowize 436) or marker (PhixFlow `FAIL`). */
  code?: number | string;
  /** A code the reader chose over the status table (a token complaint → VENDOR_UNAUTHORIZED). */
  force?: ErrorCode;
}

export interface ErrorBodyOptions {
  /** Reads the parsed JSON body; undefined when it says nothing useful. */
  json(parsed: Record<string, unknown>, status: number): ErrorReason | undefined;
  /** Whether a short non-JSON, non-markup body is itself the reason (plain-text APIs). */
  plainText?: boolean;
  /** Decides the code after reading (e.g. a 403 with a reason is a scope problem). */
  finish?(status: number, reason: ErrorReason): ErrorReason;
  /** When the body says nothing, leave the error to the status line (the hook answers undefined). */
  silentUnlessRead?: boolean;
}

/**
 * Builds a `parseError` hook: the JSON body is read with `json`, a short plain-text body is the
 * reason when `plainText` is set, and anything else (a proxy page) leaves the status to decide.
 * The message defaults to `HTTP <status>`.
 */
export function errorBodyParser(
  options: ErrorBodyOptions & { silentUnlessRead: true },
): (status: number, body: string) => VendorResponseError | undefined;
export function errorBodyParser(options: ErrorBodyOptions): (status: number, body: string) => VendorResponseError;
export function errorBodyParser(
  options: ErrorBodyOptions,
): (status: number, body: string) => VendorResponseError | undefined {
  return (status, body) => {
    let reason: ErrorReason = {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      if (options.plainText && body && body.length < 200 && !/[<{]/.test(body)) reason = { message: body.trim() };
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      reason = options.json(parsed as Record<string, unknown>, status) ?? {};
    if (options.silentUnlessRead && !reason.message) return undefined;
    if (options.finish) reason = options.finish(status, reason);
    return new VendorResponseError(status, reason.message || `HTTP ${status}`, reason.code, reason.force);
  };
}

/** The first non-empty string among `values`. */
export function firstText(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.length > 0);
}
