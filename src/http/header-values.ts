/**
 * Client text that travels in a vendor request header (Flowize `X-Flow`, `X-datafield-value`, …).
 * Node refuses a header value that is not Latin-1 (ERR_INVALID_CHAR) before anything is sent, and
 * a vendor refuses one that is too large, so without this a flow named in Polish or Japanese, or a
 * 100 KB value, became a failed vendor call (VENDOR_UNAVAILABLE, counted upstream, a breaker
 * failure). Here a value is checked once, before any call, and either refused as BAD_USER_INPUT
 * naming the GraphQL argument, or encoded as its UTF-8 bytes.
 *
 * Vendor clients call {@link clientHeader} (a header value) or {@link clientText} (a value whose
 * transport the client picks later, e.g. Flowize's URL-parameter twins in `url` auth mode) with the
 * limit of their {@link VendorHttp} (`VENDORGRAPH_MAX_HEADER_VALUE_BYTES`, per vendor
 * `<VENDOR>_MAX_HEADER_VALUE_BYTES`).
 */
import { badUserInput } from '../errors.js';

/** The default most bytes (UTF-8) one client-supplied header value may have. */
export const DEFAULT_MAX_HEADER_VALUE_BYTES = 8_192;

export interface ClientTextOptions {
  /** The GraphQL argument the value came from (`flowName`, `filter.dataFieldValue`): named in the error. */
  argument: string;
  /** Most UTF-8 bytes accepted; {@link DEFAULT_MAX_HEADER_VALUE_BYTES} unless the vendor's settings say otherwise. */
  maxBytes?: number;
}

// C0 controls (NUL, CR, LF, TAB, \u0001…), DEL and the C1 controls: none can travel in a header
// (CR/LF would also split it), and none belongs in a name or a search value.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Checks client text bound for a header (or its URL twin) and returns it unchanged. */
export function clientText(value: string, options: ClientTextOptions): string {
  const max = options.maxBytes ?? DEFAULT_MAX_HEADER_VALUE_BYTES;
  if (CONTROL.test(value))
    throw badUserInput(`${options.argument} must not contain control characters (NUL, CR, LF, TAB, \\u0001…)`);
  // A lone surrogate has no UTF-8 form: it would travel as U+FFFD, i.e. as another value.
  if (LONE_SURROGATE.test(value)) throw badUserInput(`${options.argument} is not well-formed Unicode text`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > max) throw badUserInput(`${options.argument} is too long: ${bytes} bytes, at most ${max} (UTF-8)`);
  return value;
}

/**
 * The header form of checked text: its UTF-8 bytes, each carried by one Latin-1 character, which is
 * how Node writes a header value byte for byte. ASCII is unchanged.
 */
export function utf8HeaderBytes(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** Checks client text (see {@link clientText}) and returns it ready for a request header. */
export function clientHeader(value: string, options: ClientTextOptions): string {
  return utf8HeaderBytes(clientText(value, options));
}
