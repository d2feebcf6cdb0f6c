/**
 * Flowize simulator — the SOAP API at `/soap` as the doc's "SOAP Web services" shows it: the
 * eleven operations (`insertSchema` … `deleteRecord`) authenticated by an
 * `AuthenticationObject{Apikey, Appkey, Version}` in the body, and the introduction's `postRecord`
 * authenticated by a session token in `AuthenticationHeader/AccessToken` (or `SessionID`).
 * Answers are PHP SoapServer-style RPC/encoded envelopes (`ns1:<op>Response/<op>Result`, every
 * element typed); failures are Faults with numeric codes and `detail/item{key,value}`; the
 * webhook's success is itself a Fault with code 201. It rejects what the real server would: an
 * API key where a session token belongs (436), missing AuthenticationObject fields or SOAPAction
 * (400), wrong keys (404 "The credentials are not correct."), data that is not base64 (400).
 * The state is the REST API's: a record created over SOAP is read back over REST and vice versa.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { SimulatorContext } from '../framework.js';
import { SANDBOX_CREDENTIALS, createRecord, flowDiagramAnswer, insertRecords, recordAnswer } from './common.js';
import { FLOW_TRANSITIONS } from './records.js';
import type { FlowizeState, SimRecord } from './seed.js';

type Version = '1.1' | '1.2';
const ENVELOPE_NS: Record<Version, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};
const ENCODING = 'http://schemas.xmlsoap.org/soap/encoding/';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
});
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** A failure answered as a Fault with a numeric code. */
class Fault extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Requests whose answer is processed and then lost (the connection drops): the retry case. */
const answersToLose = new WeakMap<FlowizeState, number>();

/** The next SOAP answer is lost after the request was handled. */
export function loseNextSoapAnswer(state: FlowizeState): void {
  answersToLose.set(state, (answersToLose.get(state) ?? 0) + 1);
}

/** Text of a parsed element (typed elements parse as `{'#text': …, '@_type': …}`). */
function txt(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (typeof node === 'object' && '#text' in (node as object)) return txt((node as Record<string, unknown>)['#text']);
  return '';
}

/** A field's text, or a 400 Fault naming the field when it is empty. */
function required(node: unknown, field: string): string {
  const value = txt(node);
  if (!value) throw new Fault(400, `${field} is required`);
  return value;
}

/** The first item that passes `test`, or a 404 Fault with Flowize's message. */
function mustFind<T>(items: T[], test: (item: T) => boolean, message: string): T {
  const item = items.find(test);
  if (item === undefined) throw new Fault(404, message);
  return item;
}

/** The record `DataRecordObject.Uuid` names, or a 400/404 Fault. */
function namedRecord(state: FlowizeState, input: Record<string, any>): SimRecord {
  const uuid = required(input.DataRecordObject?.Uuid, 'DataRecordObject.Uuid');
  return mustFind(state.records, (x) => x.uuid === uuid, 'Data Record not found');
}

const typed = (value: string) => ({ '@_xsi:type': 'xsd:string', '#text': value });

function envelope(version: Version, body: Record<string, unknown>, rpc: boolean): string {
  const ns = {
    '@_xmlns:SOAP-ENV': ENVELOPE_NS[version],
    ...(rpc && {
      '@_SOAP-ENV:encodingStyle': ENCODING,
      '@_xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xmlns:ns1': 'Flowize',
      '@_xmlns:SOAP-ENC': ENCODING,
    }),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ 'SOAP-ENV:Envelope': { ...ns, 'SOAP-ENV:Body': body } })}`;
}

function faultBody(version: Version, code: number, message: string): Record<string, unknown> {
  const actor = Buffer.from(randomBytes(24).toString('base64')).toString('hex');
  const items = {
    item: [
      { key: 'code', value: String(code) },
      { key: 'message', value: message },
    ],
  };
  if (version === '1.2') {
    return {
      'SOAP-ENV:Fault': {
        'SOAP-ENV:Code': { 'SOAP-ENV:Value': String(code) },
        'SOAP-ENV:Reason': { 'SOAP-ENV:Text': { '@_xml:lang': 'en', '#text': message } },
        'SOAP-ENV:Role': actor,
        'SOAP-ENV:Detail': items,
      },
    };
  }
  return { 'SOAP-ENV:Fault': { faultcode: String(code), faultstring: message, faultactor: actor, detail: items } };
}

interface Answer {
  status: number;
  xml: string;
}

function faultAnswer(version: Version, code: number, message: string): Answer {
  // SOAP 1.2 sends a sender's fault with 400; 1.1 (and server faults) use 500, as PHP's SoapServer does.
  const status = version === '1.2' && code >= 400 && code < 500 ? 400 : 500;
  return { status, xml: envelope(version, faultBody(version, code, message), false) };
}

/** `<ns1:{op}Response><{op}Result xsi:type="ns1:Response">{Id, Code, RequestIP, Resource, Message, Error}`. */
function resultAnswer(
  version: Version,
  req: Request,
  operation: string,
  { code, resource, message }: Exclude<Outcome, Fault>,
): Answer {
  const result = {
    '@_xsi:type': 'ns1:Response',
    Id: typed(code === 201 ? 'created' : 'ok'),
    Code: typed(String(code)),
    RequestIP: typed(req.ip ?? ''),
    Resource: typed(resource),
    Message: typed(message),
    Error: typed('null'),
  };
  const body = {
    [`ns1:${operation}Response`]: { '@_xsi:type': `ns1:${operation}Response`, [`${operation}Result`]: result },
  };
  return { status: code, xml: envelope(version, body, true) };
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A base64 field holding JSON, or a 400 Fault naming it. */
function base64Json(value: string, field: string): unknown {
  if (value === '') throw new Fault(400, `${field} is required`);
  if (!STRICT_BASE64.test(value)) throw new Fault(400, `${field} has to be in base64 encoding`);
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw new Fault(400, `${field} has to be base64-encoded JSON`);
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
const now = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

/** The AuthenticationObject check of the eleven operations, made before the operation runs. */
function authenticate(state: FlowizeState, input: Record<string, any>): void {
  const auth = input.AuthenticationObject;
  if (!auth || typeof auth !== 'object') throw new Fault(400, 'AuthenticationObject is required');
  for (const field of ['Apikey', 'Appkey', 'Version']) {
    if (txt(auth[field]) === '') throw new Fault(400, `AuthenticationObject.${field} is required`);
  }
  if (txt(auth.Version) !== '1') throw new Fault(400, 'SOAP Version by default it should have the value 1');
  // A session token is not an API key: it is "not correct" credentials here.
  if (txt(auth.Apikey) !== SANDBOX_CREDENTIALS.apiKey || txt(auth.Appkey) !== SANDBOX_CREDENTIALS.appKey)
    throw new Fault(404, 'The credentials are not correct.');
  if (state.blockedIp) throw new Fault(437, 'Ip not valid');
}

/** postRecord's session token check: an API key (or anything but a live session token) is 436. */
function authenticateSession(state: FlowizeState, header: Record<string, any> | undefined): void {
  const auth = header?.AuthenticationHeader ?? {};
  const token = txt(auth.AccessToken) || txt(auth.SessionID);
  const entry = state.tokens.get(token);
  if (!entry || entry.expiresAt * 1000 <= Date.now()) throw new Fault(436, 'Invalid Token Error');
  if (state.blockedIp) throw new Fault(437, 'Ip not valid');
}

/** What an operation answers: its Result's code, Resource and Message, or a Fault (the webhook's success is one). */
type Outcome = { code: 200 | 201; resource: string; message: string } | Fault;

type Handler = (state: FlowizeState, input: Record<string, any>) => Outcome;

const result = (code: 200 | 201, resource: string, message: string): Outcome => ({ code, resource, message });

const OPERATIONS: Record<string, Handler> = {
  insertRecord(state, input) {
    const data = base64Json(txt(input.DataRecordObject?.Data), 'Data');
    const flowName = required(input.FlowDiagramObject?.Flow, 'FlowDiagramObject.Flow');
    const flow = state.flows.find((f) => f.name === flowName);
    if (!flow) throw new Fault(402, `Flow ${flowName} does not exist`);
    if (flow.status === 'inactive') throw new Fault(402, `Flow ${flowName} is inactive`);
    const executeAt = txt(input.DataRecordObject?.ExecutionTime) || undefined;
    if (executeAt && Number.isNaN(new Date(executeAt).getTime()))
      throw new Fault(400, 'ExecutionTime must be an ATOM date');
    const uuid = txt(input.DataRecordObject?.Uuid) || undefined;
    // `base64_encode({{data_record}})`: the created resource, as REST's POST /record answers it.
    const resource = insertRecords(state, flowName, data, uuid, executeAt);
    if (!resource) throw new Fault(409, 'A data record with this uuid already exists');
    return result(201, b64(resource), 'Data Record is created successfully and it is included in the queue.');
  },

  getRecord(state, input) {
    const r = namedRecord(state, input);
    // `base64_decode({{data_record}})`: plain JSON, the record as REST's GET /record answers it.
    const { resource, message } = recordAnswer(state, r);
    return result(200, JSON.stringify(resource), message);
  },

  updateRecord(state, input) {
    const uuid = required(input.DataRecordObject?.Uuid, 'DataRecordObject.Uuid');
    const data = base64Json(txt(input.DataRecordObject?.Data), 'Data');
    const r = mustFind(state.records, (x) => x.uuid === uuid, 'Data Record not found');
    r.data = data;
    r.modified = new Date();
    const resource = { flow_name: r.flowName, customer_id: state.customerId, uuid: r.uuid, data_record: r.data };
    return result(201, b64(resource), 'Data Record is updated successfully.');
  },

  deleteRecord(state, input) {
    const r = namedRecord(state, input);
    // The doc's fault for this operation: a record its flow is running cannot go.
    if (r.status === 1) throw new Fault(403, 'Data record cannot be deleted: it is being used');
    state.records.splice(state.records.indexOf(r), 1);
    return result(201, '', 'Data Record is deleted successfully.');
  },

  webhook(state, input) {
    const uri = txt(input.Uri);
    const hook = state.webhooks[uri];
    if (!hook) throw new Fault(404, 'Webhook not found');
    let payload: unknown;
    try {
      payload = JSON.parse(txt(input.Payload));
    } catch {
      throw new Fault(400, 'Payload must be JSON');
    }
    const flow = state.flows.find((f) => f.name === hook.flowName)!;
    if (flow.status === 'inactive') throw new Fault(402, `Flow ${flow.name} is inactive`);
    createRecord(state, flow.name, payload, undefined);
    hook.received.push(payload);
    // The doc's success answer is a Fault with code 201.
    return new Fault(201, 'Webhook response has been saved successfully');
  },

  getFlowDiagram(state, input) {
    const name = required(input.FlowDiagramObject?.Flow, 'FlowDiagramObject.Flow');
    const flow = mustFind(state.flows, (f) => f.name === name, 'Flow diagram not found');
    const { resource, message } = flowDiagramAnswer(state, flow);
    return result(200, JSON.stringify(resource), message);
  },

  changeFlowStatus(state, input) {
    const id = txt(input.FlowDiagramObject?.FlowId);
    if (!/^\d+$/.test(id)) throw new Fault(400, 'FlowDiagramObject.FlowId must be the numeric flow id');
    const status = txt(input.FlowDiagramObject?.Status);
    const transition = FLOW_TRANSITIONS[status];
    if (!transition)
      throw new Fault(400, `FlowDiagramObject.Status must be one of ${Object.keys(FLOW_TRANSITIONS).join(', ')}`);
    const flow = mustFind(state.flows, (f) => f.id === Number(id), 'Flow diagram not found');
    const data = () => JSON.stringify({ flow_id: String(flow.id), flow_name: flow.name, status: flow.status });
    if (flow.status === status) return result(201, data(), `Flow diagram is already ${status}`);
    if (!transition.from.includes(flow.status))
      throw new Fault(402, `Flow diagram ${flow.name} is ${flow.status} and cannot be ${transition.verb}`);
    flow.status = status as typeof flow.status;
    flow.modified = new Date();
    return result(201, data(), `Flow diagram has been ${transition.verb} successfully`);
  },

  getSchema(state) {
    const current = state.schema;
    if (!current) throw new Fault(404, 'There is no Data Schema for this customer');
    const resource = {
      url: current.url,
      schema: current.schema,
      creation_date: current.creation_date,
      modified_date: current.modified_date,
      customer: state.customerName,
    };
    return result(200, JSON.stringify(resource), 'Schema structure is retrieving successfully');
  },

  insertSchema(state, input) {
    if (state.schema) throw new Fault(409, 'A Data Schema already exists for this customer');
    const fields = schemaFields(input);
    const stamp = now();
    state.schema = { ...fields, creation_date: stamp, modified_date: stamp };
    return result(201, '', 'Data Schema is created successfully.');
  },

  updateSchema(state, input) {
    const current = state.schema;
    if (!current) throw new Fault(404, 'There is no Data Schema for this customer');
    const fields = schemaFields(input);
    const stamp = now();
    state.schema = { ...fields, creation_date: current.creation_date, modified_date: stamp };
    // `base64_decode({{data_schema}})`: plain JSON with the schema's dates.
    return result(
      201,
      JSON.stringify({ creation_date: current.creation_date, modified_date: stamp }),
      'Schema structure is updated successfully',
    );
  },

  deleteSchema(state) {
    if (!state.schema) throw new Fault(404, 'There is no Data Schema for this customer');
    state.schema = undefined;
    return result(200, '', 'Schema has been removed successfully');
  },
};

/** SchemaObject{Url, Schema, DataRecord}: Schema a base64 JSON Schema object, DataRecord base64 JSON. */
function schemaFields(input: Record<string, any>): { schema: string; data_record: string; url: string } {
  const object = input.SchemaObject ?? {};
  const schemaText = txt(object.Schema);
  const schema = base64Json(schemaText, 'Schema');
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    throw new Fault(400, 'Schema has to be a JSON Schema (version 4) object');
  const dataRecord = txt(object.DataRecord);
  base64Json(dataRecord, 'DataRecord');
  return { schema: schemaText, data_record: dataRecord, url: txt(object.Url) };
}

/** postRecord: the introduction's message, with the gateway's FlowName/Uuid/ExecutionTime beside Customer. */
function postRecord(state: FlowizeState, input: Record<string, any>, version: Version, operation: string): Answer {
  const flowName = txt(input.FlowName);
  if (!state.flows.some((f) => f.name === flowName))
    throw new Fault(402, `Flow ${flowName || '(none)'} does not exist`);
  if (!input.Customer || typeof input.Customer !== 'object') throw new Fault(400, 'Customer is required');
  const customer = fromTyped(input.Customer);
  const uuid = txt(input.Uuid) || undefined;
  const record = createRecord(state, flowName, customer, uuid, txt(input.ExecutionTime) || undefined);
  const ret = record
    ? {
        Result: typed('SUCCESS'),
        DataRecordID: typed(String(record.id)),
        Message: typed('Data Record created successfully'),
      }
    : {
        Result: typed('EXISTS'),
        DataRecordID: typed(String(state.records.find((r) => r.uuid === uuid)?.id ?? '')),
        Message: typed('Data Record already exists'),
      };
  return {
    status: 200,
    xml: envelope(
      version,
      { [`ns1:${operation}Response`]: { return: { '@_xsi:type': `ns1:${operation}Response`, ...ret } } },
      true,
    ),
  };
}

/** A parsed Customer object back to plain values (typed leaves become their text, attributes go). */
function fromTyped(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fromTyped);
  if (node && typeof node === 'object') {
    const entries = Object.entries(node as Record<string, unknown>).filter(([k]) => !k.startsWith('@_'));
    if (entries.length === 0 || (entries.length === 1 && entries[0][0] === '#text')) return txt(node);
    return Object.fromEntries(entries.filter(([k]) => k !== '#text').map(([k, v]) => [k, fromTyped(v)]));
  }
  return node ?? '';
}

function handle(state: FlowizeState, req: Request, postRecordOperation: string): Answer {
  const contentType = req.header('content-type') ?? '';
  const xml = typeof req.body === 'string' ? req.body : '';
  const version: Version =
    /application\/soap\+xml/i.test(contentType) || xml.includes(ENVELOPE_NS['1.2']) ? '1.2' : '1.1';
  try {
    if (/<!DOCTYPE/i.test(xml)) throw new Fault(400, 'DTDs are not allowed');
    if (version === '1.1' && req.header('soapaction') === undefined)
      throw new Fault(400, 'SOAPAction header is required');
    let doc: Record<string, any>;
    try {
      doc = parser.parse(xml, true);
    } catch {
      throw new Fault(400, 'Malformed XML');
    }
    const env = doc.Envelope;
    if (!env?.Body || typeof env.Body !== 'object') throw new Fault(400, 'Not a SOAP envelope');
    const [operation, call] = Object.entries(env.Body as Record<string, any>).find(([k]) => !k.startsWith('@_')) ?? [];
    const input = (call?.input ?? {}) as Record<string, any>;
    if (operation === postRecordOperation) {
      authenticateSession(state, env.Header);
      return postRecord(state, input, version, operation);
    }
    const handler = operation ? OPERATIONS[operation] : undefined;
    if (!operation || !handler) throw new Fault(400, `Unknown operation ${operation ?? '(none)'}`);
    // The webhook's uri is what admits its caller, as over REST; every other operation authenticates.
    if (operation !== 'webhook') authenticate(state, input);
    const outcome = handler(state, input);
    if (outcome instanceof Fault) return faultAnswer(version, outcome.code, outcome.message);
    return resultAnswer(version, req, operation, outcome);
  } catch (error) {
    if (error instanceof Fault) return faultAnswer(version, error.code, error.message);
    throw error;
  }
}

export function registerSoapRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  router.post('/soap', (req: Request, res: Response) => {
    const state = ctx.state;
    const answer = handle(state, req, 'postRecord');
    const lose = answersToLose.get(state) ?? 0;
    if (lose > 0) {
      answersToLose.set(state, lose - 1);
      req.socket.destroy();
      return;
    }
    const version = /application\/soap\+xml/i.test(req.header('content-type') ?? '')
      ? 'application/soap+xml'
      : 'text/xml';
    res.status(answer.status).type(`${version}; charset=utf-8`).send(answer.xml);
  });
}
