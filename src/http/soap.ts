/**
 * SOAP 1.1 / 1.2 envelopes over the shared http layer: building requests, parsing answers and
 * turning a SOAP Fault into a coded error. Protocol only; which operations exist is a vendor's
 * business. XML goes through fast-xml-parser; documents with a DTD are refused (SOAP forbids
 * them, and they are the door to entity-expansion attacks).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { GatewayError, SoapFaultError, VendorResponseError, toGatewayError } from '../errors.js';
import type { VendorHttp } from './client.js';

export type SoapVersion = '1.1' | '1.2';

export const SOAP_ENVELOPE_NS: Record<SoapVersion, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

export interface SoapMessage {
  version: SoapVersion;
  /** Content of `<soapenv:Header>`, as fast-xml-parser builder objects (attributes prefixed `@_`). */
  header?: Record<string, unknown>;
  /** Content of `<soapenv:Body>`. */
  body: Record<string, unknown>;
  /** Extra namespace declarations on the Envelope, prefix → URI. */
  namespaces?: Record<string, string>;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  format: false,
});

/** Serialises a SOAP envelope (values are escaped by the builder). */
export function buildEnvelope(message: SoapMessage): string {
  const ns: Record<string, string> = { '@_xmlns:soapenv': SOAP_ENVELOPE_NS[message.version] };
  for (const [prefix, uri] of Object.entries(message.namespaces ?? {})) ns[`@_xmlns:${prefix}`] = uri;
  const envelope = {
    'soapenv:Envelope': {
      ...ns,
      'soapenv:Header': message.header ?? '',
      'soapenv:Body': message.body,
    },
  };
  return '<?xml version="1.0" encoding="UTF-8"?>' + builder.build(envelope);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

/** A SOAP Fault as read: 1.1 faultcode/faultstring/faultactor or 1.2 Code/Reason, plus `detail/item{key,value}` pairs. */
export interface SoapFault {
  code: string;
  message: string;
  actor?: string;
  /** `detail` as key → value, when it holds `item{key,value}` pairs (PHP SoapServer style). */
  detail: Record<string, string>;
}

export interface ParsedEnvelope {
  version: SoapVersion;
  header: Record<string, unknown>;
  body: Record<string, unknown>;
  fault?: SoapFault;
}

/** Thrown for XML the gateway will not read; mapped to VENDOR_BAD_RESPONSE. */
export class XmlRejectedError extends Error {}

/** Parses XML safely: no DTDs, no entity declarations. */
export function parseXml(xml: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlRejectedError('XML with a document type declaration is refused');
  try {
    return parser.parse(xml, true) as Record<string, unknown>;
  } catch (cause) {
    throw new XmlRejectedError(`malformed XML: ${(cause as Error).message}`);
  }
}

/**
 * An element's text. An element with attributes (`<Code xsi:type="xsd:string">201</Code>`) parses
 * as an object holding `#text`: read through this, never with String() or a template.
 */
export function soapText(node: unknown): string {
  return text(node);
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if ('#text' in obj) return text(obj['#text']);
    if ('Value' in obj) return text(obj.Value);
    if ('Text' in obj) return text(obj.Text);
  }
  return '';
}

/** Reads an envelope: its version, header, body and Fault (1.1 faultcode/faultstring or 1.2 Code/Reason). */
export function parseEnvelope(xml: string): ParsedEnvelope {
  const doc = parseXml(xml);
  const envelope = doc.Envelope as Record<string, unknown> | undefined;
  if (!envelope || typeof envelope !== 'object') throw new XmlRejectedError('not a SOAP envelope');
  // Prefixes are stripped when parsing, so the version is read from the namespace in the text.
  const version: SoapVersion = xml.includes(SOAP_ENVELOPE_NS['1.2']) ? '1.2' : '1.1';
  const body = (envelope.Body ?? {}) as Record<string, unknown>;
  const header = (typeof envelope.Header === 'object' && envelope.Header ? envelope.Header : {}) as Record<
    string,
    unknown
  >;
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault) {
    const code = text(fault.faultcode ?? (fault.Code as Record<string, unknown> | undefined)?.Value ?? fault.Code);
    const message = text(fault.faultstring ?? fault.Reason);
    const actor = text(fault.faultactor ?? fault.Role) || undefined;
    const detail: Record<string, string> = {};
    const items = ((fault.detail ?? fault.Detail) as Record<string, unknown> | undefined)?.item;
    for (const item of Array.isArray(items) ? items : items ? [items] : []) {
      if (item && typeof item === 'object') {
        const key = text((item as Record<string, unknown>).key);
        if (key) detail[key] = text((item as Record<string, unknown>).value);
      }
    }
    return {
      version,
      header,
      body,
      fault: { code: code || 'Server', message: message || 'SOAP Fault', actor, detail },
    };
  }
  return { version, header, body };
}

export interface SoapCall extends SoapMessage {
  /** The SOAPAction (1.1 header) or `action` content-type parameter (1.2). */
  action: string;
  /** Absolute SOAP endpoint URL, or a path relative to the vendor base URL. */
  url?: string;
  path?: string;
  operation?: string;
  idempotent?: boolean;
  /** Marks a read sent over POST (retried like a GET). */
  readOnly?: boolean;
  /** false sends no http-level credential: the envelope carries its own (a body or SOAP-header credential). */
  authenticate?: boolean;
  /**
   * A vendor's reading of its Faults: `null` when the Fault is not a failure (a vendor that reports
   * success as a Fault), an Error to throw (mapped by toGatewayError), or undefined for the
   * standard reading (`soap:Client`, `env:Receiver` …).
   */
  readFault?(fault: SoapFault, httpStatus: number): Error | null | undefined;
}

/**
 * Statuses a SOAP answer is read at instead of thrown: Faults travel with 500 (1.1) or 400/500
 * (1.2), and some servers send them with the fault's own 4xx status. 408 and 429 stay thrown,
 * so the shared layer's waits and retries still apply, as do 502/503/504.
 */
const SOAP_READ_STATUSES = [
  ...Array.from({ length: 100 }, (_, i) => 400 + i).filter((s) => s !== 408 && s !== 429),
  500,
];

/**
 * Sends a SOAP request through the vendor's http client and returns the parsed Body. A Fault (on
 * any status) becomes a coded GatewayError; unreadable XML becomes VENDOR_BAD_RESPONSE.
 */
export async function soapRequest(http: VendorHttp, call: SoapCall): Promise<ParsedEnvelope> {
  const contentType =
    call.version === '1.1' ? 'text/xml; charset=utf-8' : `application/soap+xml; charset=utf-8; action="${call.action}"`;
  const response = await http.request({
    method: 'POST',
    path: call.path ?? '',
    url: call.url,
    operation: call.operation ?? call.action,
    idempotent: call.idempotent ?? false,
    readOnly: call.readOnly,
    authenticate: call.authenticate,
    headers: { 'content-type': contentType, ...(call.version === '1.1' && { soapaction: `"${call.action}"` }) },
    body: buildEnvelope(call),
    allowStatuses: SOAP_READ_STATUSES,
  });
  let parsed: ParsedEnvelope;
  try {
    parsed = parseEnvelope(response.text);
  } catch (cause) {
    // A 500 without an envelope is a server or proxy failure, not a Fault the vendor sent; so is
    // a 4xx other than 400 (a proxy's 404 page), which its status describes best.
    const refused = cause instanceof XmlRejectedError && /document type/.test(cause.message);
    if (response.status >= 500 || (response.status > 400 && !refused)) {
      throw toGatewayError(new VendorResponseError(response.status, `HTTP ${response.status}`), http.vendor);
    }
    throw new GatewayError('VENDOR_BAD_RESPONSE', `${http.vendor} sent a response the gateway could not understand`, {
      vendor: http.vendor,
      vendorStatus: response.status,
      cause,
    });
  }
  if (parsed.fault) {
    const own = call.readFault?.(parsed.fault, response.status);
    if (own === null) return parsed;
    throw toGatewayError(
      own ?? new SoapFaultError(parsed.fault.code, parsed.fault.message, response.status),
      http.vendor,
    );
  }
  if (response.status >= 400)
    throw toGatewayError(new SoapFaultError('Server', `HTTP ${response.status}`, response.status), http.vendor);
  return parsed;
}
