/**
 * Flowize simulator — protocol details shared by every route: JSON/XML content negotiation (the
 * doc's "response format negotiation, JSON and XML by default"), XML request bodies, the
 * `OPTIONS /v1/options` method list, and Last-Modified / If-Modified-Since beside the ETags.
 * HEAD needs nothing here: Express answers it from the GET route with the headers and no body.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { SimulatorContext } from '../framework.js';

/** The doc's endpoint table, served by `OPTIONS /v1/options`: `METHOD endpoint` → usage. */
const ENDPOINTS: Record<string, string> = {
  'OPTIONS /v1/options': 'Helper to gets the list of methods in the api.',
  'GET /v1/checkauthentication': 'Gets the session id after checking customer credentials.',
  'GET /v1/refreshtoken': 'Regenerates a new access token.',
  'POST /v1/schema': 'Inserts a Data Schema structure per customer.',
  'GET /v1/schema': 'Gets the Data Schema Structure.',
  'PUT /v1/schema': 'Updates the customer Data Schema.',
  'DELETE /v1/schema': 'Removes the customer Data Schema.',
  'GET /v1/record': 'Gets a Record Data with identifier :id.',
  'POST /v1/record': 'Inserts a Data Record structure.',
  'PUT /v1/record': 'Updates a Data Record with identifier :id.',
  'DELETE /v1/record': 'Removes a Data Record with identifier :id.',
  'GET /v1/record/search': 'Search your data records by different query parameters.',
  'PUT /v1/record/movetoflow': 'Move one or more data records to another flow.',
  'PUT /v1/record/changestatus': 'Change the status of a record in the queue.',
  'POST /v1/webhook/:webhook_uri': 'Inserts Data using a Webhook Protocol.',
  'GET /v1/flowdiagram': 'Gets information related to a Flow Diagram.',
  'PUT /v1/changeflowstatus': 'Updates the flow status',
  'GET /v1/keystore/:keystore_id/:keystore_key': 'Gets the data saved in the keystore_id with the given keystore_key',
  'POST /v1/keystore/:keystore_id/:keystore_key': 'Inserts data in the keystore_id with the given keystore_key',
  'PUT /v1/keystore/:keystore_id/:keystore_key': 'Inserts/Update data in the keystore_id with the given keystore_key',
  'DELETE /v1/keystore/:keystore_id/:keystore_key': 'Deletes data in the keystore_id with the given keystore_key',
  'POST /v1/keystore/:keystore_id': 'Search for data in the keystore identifier',
  'GET /v1/tables/:table/:id': 'Gets the data saved in one of your Tables given the table_name and a numeric ID',
  'POST /v1/tables/:table/': 'Inserts a new data row in a Table',
  'PUT /v1/tables/:table/:id': 'Updates data in a Table with with a given ID',
  'DELETE /v1/tables/:table/:id': 'Deletes the given ID from a Table',
  'POST /v1/tables/:table/search': 'Search for data in a Table',
  'GET /v1/environment': 'Gets list of the Environments of the Organization',
  'GET /v1/environment/:id': 'Gets an Environments by ID',
  'GET /v1/environment/:id/status': 'Retrieves the status of the server',
  'POST /v1/environment': 'Creates a new Environment in the organization',
  'POST /v1/environment/:id':
    'Updates some information of the Environment like the name, description, SSL certificates',
  'DELETE /v1/environment/:id': 'Deletes an Environment',
  'POST /v1/environment/:id/upgrade': 'Upgrades the Environment to a new package or increases its storage',
  'POST /v1/environment/:id/update-version': 'Updates the Environment to the latest version',
  'POST /v1/environment/:id/optimize': 'Optimizes the storage of the Environment',
  'GET /v1/environment/:id/projects':
    'Outputs information about the Projects that are currently hosted in the Environment',
  'POST /v1/environment/:id/project/:project_id':
    'Adds/Updates the Project {project_id} to the Environment if it does not exist.',
  'DELETE /v1/environment/:id/project/:project_id': 'Deletes Project from an Environment',
};

const ALLOW = 'GET, POST, PUT, DELETE, HEAD, OPTIONS';
const XML_TYPE = /^(application|text)\/xml\b/i;
const XML_NAME = /^[A-Za-z_][\w.-]*$/;
/** Marks an ETag as the XML representation's, so JSON and XML never share a validator. */
const XML_ETAG_SUFFIX = '-xml"';

/** True when the caller negotiated XML: by Accept when it names a format, else by Content-Type. */
export function wantsXml(req: Request): boolean {
  const accept = req.header('accept') ?? '';
  if (/application\/(json|xml)|text\/xml/i.test(accept))
    return req.accepts(['application/json', 'application/xml']) === 'application/xml';
  return XML_TYPE.test(req.header('content-type') ?? '');
}

const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false, format: false });

/**
 * A JSON value as an XML element tree the way Flowize's framework (Yii 2) serialises it: list
 * entries and names that are not XML names become `<item>`, null an empty element.
 */
function toXmlTree(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.length === 0 ? '' : { item: value.map(toXmlTree) };
  if (typeof value === 'object') {
    const out: Record<string, unknown[]> = {};
    for (const [key, v] of Object.entries(value)) {
      const name = XML_NAME.test(key) && !/^xml/i.test(key) ? key : 'item';
      (out[name] ??= []).push(toXmlTree(v));
    }
    return Object.fromEntries(Object.entries(out).map(([k, list]) => [k, list.length === 1 ? list[0] : list]));
  }
  return String(value);
}

/** Serialises a JSON answer as `<response>…</response>`. */
export function toXml(value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ response: toXmlTree(value) })}`;
}

// Only the predefined entities are decoded: a DTD, the only way to define others, is refused below.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
});

/** Undoes the `<item>` lists of {@link toXml}: an element holding only items is an array. */
function fromXmlTree(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value ?? '';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'item') {
    const items = entries[0][1];
    return (Array.isArray(items) ? items : [items]).map(fromXmlTree);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? v.map(fromXmlTree) : fromXmlTree(v)]));
}

/** A request body: JSON, or XML when Content-Type says so (the root element's content is the value). */
export function parseBody(req: Request): { ok: true; value: unknown } | { ok: false } {
  const text = typeof req.body === 'string' ? req.body.trim() : '';
  if (!text) return { ok: true, value: undefined };
  try {
    if (XML_TYPE.test(req.header('content-type') ?? '')) {
      // A DTD is the door to entity expansion: refused, as any hardened XML endpoint does.
      if (/<!DOCTYPE/i.test(text)) return { ok: false };
      const doc = parser.parse(text, true) as Record<string, unknown>;
      const roots = Object.values(doc);
      if (roots.length !== 1) return { ok: false };
      return { ok: true, value: fromXmlTree(roots[0]) };
    }
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Header values arrive as bytes (Node shows each byte as one Latin-1 character). Flowize reads its
 * X-* parameters as UTF-8, like a modern HTTP server: every x-* header is decoded here so routes
 * see text (`X-Flow: 請求書処理`); bytes that are not UTF-8 are a 400, as a strict server answers.
 */
export function utf8Headers(req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(req.headers)) {
    // eslint-disable-next-line no-control-regex
    if (!name.startsWith('x-') || typeof value !== 'string' || /^[\u0000-\u007f]*$/.test(value)) continue;
    try {
      req.headers[name] = utf8.decode(Buffer.from(value, 'latin1'));
    } catch {
      res.status(400).json({ resource: [], error: { code: 400, message: `Header ${name} is not valid UTF-8` } });
      return;
    }
  }
  next();
}

/** A date as an HTTP date, the Last-Modified value for {@link lastModified}. */
export function lastModified(...dates: (Date | null | undefined)[]): Record<string, string> {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return times.length > 0 ? { 'Last-Modified': new Date(Math.max(...times)).toUTCString() } : {};
}

/**
 * Middleware for every Flowize route: serves XML to callers that negotiated it and answers 304
 * to a GET/HEAD whose If-Modified-Since is not older than the answer's Last-Modified (when no
 * If-None-Match was sent, as HTTP requires).
 */
export function negotiation(req: Request, res: Response, next: NextFunction): void {
  const xml = wantsXml(req);
  const inm = req.headers['if-none-match'];
  if (xml && typeof inm === 'string' && inm.endsWith(XML_ETAG_SUFFIX))
    req.headers['if-none-match'] = `${inm.slice(0, -XML_ETAG_SUFFIX.length)}"`;
  res.vary('Accept');
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const conditional = req.method === 'GET' || req.method === 'HEAD';
    const modified = res.get('Last-Modified');
    const since = req.header('if-modified-since');
    if (
      conditional &&
      res.statusCode === 200 &&
      modified &&
      since &&
      inm === undefined &&
      Date.parse(since) >= Date.parse(modified)
    ) {
      res.status(304).removeHeader('Content-Type');
      return send();
    }
    if (xml && typeof body === 'string' && /json/i.test(res.get('Content-Type') ?? '')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(body);
      }
      const etag = res.get('ETag');
      if (etag?.endsWith('"')) res.set('ETag', `${etag.slice(0, -1)}${XML_ETAG_SUFFIX}`);
      res.type('application/xml; charset=UTF-8');
      return send(toXml(parsed));
    }
    return send(body as string);
  };
  next();
}

/** `OPTIONS /v1/options` — the API's methods; no credentials needed, like any preflight. */
export function registerProtocolRoutes<S>(router: Router, ctx: SimulatorContext<S>): void {
  router.options('/v1/options', (req, res) => {
    ctx.sendJson(
      req,
      res,
      200,
      {
        resource: {
          methods: Object.entries(ENDPOINTS).map(([route, usage]) => {
            const [method, endpoint] = route.split(' ');
            return { method, endpoint, usage };
          }),
        },
        message: 'The list of methods in the api',
      },
      { Allow: ALLOW },
    );
  });
}
