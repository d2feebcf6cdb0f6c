/**
 * The Flowize SOAP API (the doc's "SOAP Web services", endpoint `…/v1/soap`, namespace `Flowize`):
 * the eleven operations `insertSchema`, `insertRecord`, `webhook`, `getRecord`, `getSchema`,
 * `getFlowDiagram`, `updateRecord`, `updateSchema`, `changeFlowStatus`, `deleteSchema` and
 * `deleteRecord`, authenticated by the `AuthenticationObject{Apikey, Appkey, Version}` in the body,
 * plus the introduction's older `postRecord`, authenticated by a session token in the SOAP header.
 *
 * Wire rules kept here and nowhere else: RPC/encoded envelopes with `xsi:type` on every element;
 * `Data`, `Schema` and `DataRecord` travel base64; answers are typed `…Result` elements whose
 * children carry attributes, so they are read as text ({@link soapText}); faults carry numeric
 * codes (404, 403, 436 …) and a 2xx fault code is a success (the webhook's 201). Methods answer
 * the same vendor models as the REST methods of client.ts, so either transport serves a field.
 */
import { GatewayError, VendorResponseError, badUserInput } from '../../../errors.js';
import type { VendorHttp } from '../../../http/client.js';
import { soapRequest, soapText, type ParsedEnvelope, type SoapFault } from '../../../http/soap.js';
import type { RequestScope } from '../../../http/scope.js';
import { scopedView } from '../../../kit/scoped.js';
import type { TokenManager } from '../../../http/token.js';
import { badResponse } from '../../../kit/index.js';
import { flowizeConfig, type FlowizeSettings } from '../config.js';
import {
  alreadyCreated,
  toBase64Json,
  type CreateRecordsResult,
  type FlowizeCreatedRecord,
  type FlowizeDataSchemaResource,
  type FlowizeDataSchemaWrite,
  type FlowizeDeletedRecord,
  type FlowizeFlowDiagramResource,
  type FlowizeFlowStatusValue,
  type FlowizeRecordDetail,
  type FlowizeRecordTarget,
  type FlowizeUpdatedRecord,
  type FlowizeWebhookResource,
  type FlowizeWriteResult,
} from '../models.js';

const VENDOR = flowizeConfig.name;

/** The documented operations and the `xsi:type` of their `input` (`mym:<type>`). */
export const SOAP_OPERATIONS = {
  insertSchema: 'InsertSchemaRequest',
  insertRecord: 'InsertRecordRequest',
  webhook: 'WebhookRequest',
  getRecord: 'GetRecordRequest',
  getSchema: 'GetSchemaRequest',
  // The doc's getFlowDiagram sample repeats getSchema's envelope (a copy-paste slip); the type
  // follows the other operations' naming.
  getFlowDiagram: 'GetFlowDiagramRequest',
  // The doc's updateRecord sample repeats insertRecord's envelope; its answer is updateRecordResponse.
  updateRecord: 'UpdateRecordRequest',
  updateSchema: 'UpdateSchemaRequest',
  changeFlowStatus: 'ChangeFlowDiagramStatusRequest',
  deleteSchema: 'DeleteSchemaRequest',
  deleteRecord: 'DeleteRecordRequest',
} as const;

export type FlowizeSoapOperation = keyof typeof SOAP_OPERATIONS;

/** The fields of a typed `…Result` (`xsi:type="ns1:Response"`), as text. */
export interface FlowizeSoapResult {
  id: string;
  code: number | undefined;
  requestIp: string;
  /** `Resource` exactly as sent (base64, JSON text or empty). */
  resource: string;
  message: string | null;
  error: string | null;
}

/** An element typed `xsd:string`, as the doc types every leaf. */
function typed(value: string): Record<string, string> {
  return { '@_xsi:type': 'xsd:string', '#text': value };
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict base64 holding UTF-8 text; undefined when `text` is not that. */
function fromBase64(text: string): string | undefined {
  if (!STRICT_BASE64.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  // A round trip that does not give the bytes back means the bytes were not UTF-8.
  return Buffer.from(decoded, 'utf8').toString('base64') === text ? decoded : undefined;
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * A `Resource` as a value. The doc writes `base64_encode(...)` for some operations and
 * `base64_decode(...)` (plain) for others; each operation reads its documented form first and
 * accepts the other, so a server that encodes differently is still understood. Empty is
 * undefined; text that is neither JSON nor base64 JSON is returned as text.
 */
export function decodeResource(text: string, documented: 'base64' | 'plain'): unknown {
  if (text === '') return undefined;
  const decoded = fromBase64(text);
  const asBase64 = decoded === undefined ? ({ ok: false } as const) : parseJsonText(decoded);
  const asPlain = parseJsonText(text);
  const first = documented === 'base64' ? asBase64 : asPlain;
  const second = documented === 'base64' ? asPlain : asBase64;
  if (first.ok) return first.value;
  if (second.ok) return second.value;
  return decoded ?? text;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads the `…Result` of an answer, matching on the Result element (the doc's wrapper names slip). */
export function readResult(envelope: ParsedEnvelope, operation: string): FlowizeSoapResult {
  const wrapper = Object.values(envelope.body).find(isObject);
  const result =
    (wrapper &&
      (wrapper[`${operation}Result`] ??
        Object.entries(wrapper).find(([k, v]) => /Result$/.test(k) && isObject(v))?.[1])) ??
    undefined;
  if (!isObject(result)) throw badResponse(VENDOR, `flowize sent a SOAP ${operation} answer without a result`);
  const code = Number(soapText(result.Code));
  const message = soapText(result.Message);
  const error = soapText(result.Error);
  return {
    id: soapText(result.Id),
    code: Number.isFinite(code) && soapText(result.Code) !== '' ? code : undefined,
    requestIp: soapText(result.RequestIP),
    resource: soapText(result.Resource),
    message: message === '' ? null : message,
    error: error === '' || error === 'null' || error === 'false' ? null : error,
  };
}

/** A numeric fault code (`404`, `SOAP-ENV:436`), or undefined for a symbolic one (`soap:Client`). */
function numericCode(code: string): number | undefined {
  const local = code.split(':').pop() ?? '';
  return /^\d{3}$/.test(local) ? Number(local) : undefined;
}

/**
 * Flowize's faults: a 2xx code is a success (the webhook answers 201 as a Fault); 436 (or "Invalid
 * Token") is an access token Flowize no longer accepts, 437 an IP it refuses; "The credentials are
 * not correct." comes with code 404 in the doc but is a credential failure; any other numeric
 * code reads like the HTTP status it is. `vendorStatus` is that number.
 */
export function readFlowizeFault(fault: SoapFault): Error | null | undefined {
  const code = numericCode(fault.code);
  if (code !== undefined && code >= 200 && code < 300) return null;
  if (code === 436 || /invalid token/i.test(fault.message))
    return new VendorResponseError(403, fault.message, 436, 'VENDOR_UNAUTHORIZED');
  if (code === undefined) return undefined;
  if (code === 437) return new VendorResponseError(403, fault.message, 437, 'VENDOR_FORBIDDEN');
  if (/credentials are not correct/i.test(fault.message))
    return new VendorResponseError(401, fault.message, code, 'VENDOR_UNAUTHORIZED');
  return new VendorResponseError(code, fault.message, code);
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/** A record as postRecord's `Customer` object: keys must be XML element names, leaves typed xsd:string. */
function toCustomerObject(value: unknown, path = 'record'): unknown {
  if (Array.isArray(value)) return value.map((v, i) => toCustomerObject(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (!XML_NAME.test(key) || /^xml/i.test(key))
        throw badUserInput(`${path}.${key} cannot be sent over SOAP: field names must be XML element names`);
      out[key] = toCustomerObject(v, `${path}.${key}`);
    }
    return out;
  }
  return typed(value === null || value === undefined ? '' : String(value));
}

const isNotFound = (error: unknown) => error instanceof GatewayError && error.code === 'VENDOR_NOT_FOUND';

/** The Flowize SOAP operations over the vendor's http client. */
export class FlowizeSoapClient {
  private readonly http: VendorHttp;
  private readonly settings: FlowizeSettings;
  private readonly session?: TokenManager;

  /**
   * @param session the session tokens postRecord authenticates with (oauth2 mode's, or one from
   * the client credentials in the other modes); absent when no client credentials are configured.
   */
  constructor(http: VendorHttp, settings: FlowizeSettings, session?: TokenManager) {
    this.http = http;
    this.settings = settings;
    this.session = session;
  }

  /** These operations as one GraphQL operation uses them (src/kit/scoped.ts). */
  within(scope: RequestScope): FlowizeSoapClient {
    return scopedView(this, scope);
  }

  /** `AuthenticationObject{Apikey, Appkey, Version}`: the API key, never a session token. */
  private authenticationObject(): Record<string, unknown> {
    const keys = this.settings.soap.keys;
    if (!keys) {
      throw new GatewayError(
        'VENDOR_NOT_CONFIGURED',
        'flowize SOAP operations need the API key: set FLOWIZE_API_KEY and FLOWIZE_APP_KEY',
        { vendor: VENDOR },
      );
    }
    return {
      '@_xsi:type': 'mym:AuthenticationObject',
      Apikey: typed(keys.apiKey),
      Appkey: typed(keys.appKey),
      Version: typed(this.settings.soap.apiVersion),
    };
  }

  /** Sends one operation; the SOAPAction (1.1) or `action` (1.2) is the operation name. */
  private async send(
    operation: string,
    input: Record<string, unknown>,
    options: { readOnly?: boolean; idempotent?: boolean; header?: Record<string, unknown> } = {},
  ) {
    const { soap } = this.settings;
    return soapRequest(this.http, {
      version: soap.version,
      url: soap.url,
      action: operation,
      operation: `soap.${operation}`,
      readOnly: options.readOnly,
      idempotent: options.idempotent ?? options.readOnly ?? false,
      // Credentials travel in the envelope: no http-level key or token goes with the call.
      authenticate: false,
      namespaces: {
        xsi: 'http://www.w3.org/2001/XMLSchema-instance',
        xsd: 'http://www.w3.org/2001/XMLSchema',
        mym: soap.namespace,
        tns: soap.namespace,
      },
      header: options.header,
      body: { [`mym:${operation}`]: { input } },
      readFault: readFlowizeFault,
    });
  }

  /** One of the eleven operations with its AuthenticationObject and the given objects. */
  private async operation(
    operation: FlowizeSoapOperation,
    objects: Record<string, unknown>,
    options: { readOnly?: boolean; idempotent?: boolean } = {},
  ) {
    const input = {
      '@_xsi:type': `mym:${SOAP_OPERATIONS[operation]}`,
      AuthenticationObject: this.authenticationObject(),
      ...objects,
    };
    const result = readResult(await this.send(operation, input, options), operation);
    // A typed answer may carry a failure code instead of a Fault.
    if (result.code !== undefined && result.code >= 400) {
      throw new GatewayError(
        'VENDOR_REJECTED',
        `flowize rejected the request: ${result.message ?? result.error ?? result.code}`,
        { vendor: VENDOR, vendorStatus: result.code },
      );
    }
    return result;
  }

  /**
   * A read-only operation's `Resource` (plain JSON) and the answer's code, or undefined on a 404
   * Fault (no such record, flow or schema).
   */
  private async read(
    operation: FlowizeSoapOperation,
    objects: Record<string, unknown>,
  ): Promise<{ resource: unknown; code: number | undefined } | undefined> {
    try {
      const result = await this.operation(operation, objects, { readOnly: true });
      return { resource: decodeResource(result.resource, 'plain'), code: result.code };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** A read-only operation's `Resource` as an object (`what` names it when it is not), or null on a 404 Fault. */
  private async readObject<T>(operation: FlowizeSoapOperation, objects: Record<string, unknown>, what: string) {
    const read = await this.read(operation, objects);
    if (!read) return null;
    if (!isObject(read.resource))
      throw badResponse(VENDOR, `flowize sent ${what} the gateway could not understand`, read.code);
    return read.resource as T;
  }

  // --- Records --------------------------------------------------------------------------------

  /**
   * insertRecord — one record under a uuid the caller or the gateway chose (`Uuid`), its JSON
   * base64 in `Data`, the flow in `FlowDiagramObject/Flow`. Safe to retry: a 409 Fault for that
   * uuid means an earlier attempt created it, and is reported as `alreadyExisted`.
   */
  async insertRecord(
    { flowName, uuid, executeAt }: FlowizeRecordTarget,
    record: unknown,
  ): Promise<CreateRecordsResult> {
    let result: FlowizeSoapResult;
    try {
      result = await this.operation(
        'insertRecord',
        {
          DataRecordObject: {
            '@_xsi:type': 'mym:DataRecordObject',
            Uuid: typed(uuid),
            ...(executeAt && { ExecutionTime: typed(executeAt) }),
            Data: typed(toBase64Json(record)),
          },
          FlowDiagramObject: { '@_xsi:type': 'mym:FlowDiagramObject', Flow: typed(flowName) },
        },
        { idempotent: true },
      );
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'VENDOR_CONFLICT') return alreadyCreated(uuid);
      throw error;
    }
    // `base64_encode({{data_record}})`: the created resource as REST answers it, or the bare record.
    const resource = decodeResource(result.resource, 'base64');
    const created: FlowizeCreatedRecord =
      isObject(resource) && ('data_record_id' in resource || 'flow_name' in resource)
        ? (resource as FlowizeCreatedRecord)
        : { flow_name: flowName, data_record: resource ?? record };
    return {
      uuid,
      created: { flow_name: flowName, ...created },
      alreadyExisted: false,
      message: result.message ?? undefined,
    };
  }

  /** getRecord — one record with its data (`Resource` plain JSON), or null on a 404 Fault. */
  async getRecord(uuid: string): Promise<FlowizeRecordDetail | null> {
    const read = await this.read('getRecord', {
      DataRecordObject: { '@_xsi:type': 'mym:DataRecordObject', Uuid: typed(uuid) },
    });
    if (!read) return null;
    const { resource } = read;
    // `{{data_record}}`: the record as REST's GET /record answers it, or the bare data.
    if (isObject(resource) && isObject(resource.info) && 'data_record' in resource)
      return resource as unknown as FlowizeRecordDetail;
    return { info: { uuid }, data_record: resource ?? null };
  }

  /** updateRecord — replaces a record's data (base64 `Data`); the full record is sent, so a repeat is harmless. */
  async updateRecord(uuid: string, data: unknown): Promise<FlowizeWriteResult<FlowizeUpdatedRecord>> {
    const result = await this.operation(
      'updateRecord',
      {
        DataRecordObject: { '@_xsi:type': 'mym:DataRecordObject', Uuid: typed(uuid), Data: typed(toBase64Json(data)) },
      },
      { idempotent: true },
    );
    const resource = decodeResource(result.resource, 'base64');
    const updated: FlowizeUpdatedRecord =
      isObject(resource) && 'data_record' in resource
        ? (resource as FlowizeUpdatedRecord)
        : { uuid, data_record: resource ?? data };
    return { resource: updated, message: result.message };
  }

  /** deleteRecord — removes one record; never retried. The answer's `Resource` is empty (no flow name). */
  async deleteRecord(uuid: string): Promise<FlowizeWriteResult<FlowizeDeletedRecord>> {
    const result = await this.operation('deleteRecord', {
      DataRecordObject: { '@_xsi:type': 'mym:DataRecordObject', Uuid: typed(uuid) },
    });
    const resource = decodeResource(result.resource, 'plain');
    return { resource: isObject(resource) ? (resource as FlowizeDeletedRecord) : { uuid }, message: result.message };
  }

  /**
   * webhook — a payload into the flow behind a webhook uri. No AuthenticationObject (the uri is
   * the secret); `Payload` is the payload's JSON text. Success is a Fault with code 201 whose
   * faultstring is the message.
   */
  async webhook(webhookUri: string, payload: unknown): Promise<FlowizeWriteResult<FlowizeWebhookResource>> {
    const input = {
      '@_xsi:type': 'mym:WebhookRequest',
      Uri: typed(webhookUri),
      Payload: typed(JSON.stringify(payload)),
    };
    const envelope = await this.send('webhook', input);
    if (envelope.fault) {
      const { detail } = envelope.fault;
      // The doc's detail holds only code and message; ids Flowize may add are read when present.
      const resource: FlowizeWebhookResource = {
        ...(detail.id && { _id: detail.id }),
        ...(detail.customer_id && { customer_id: detail.customer_id }),
        ...(detail.flow_id && { data: { flow_id: detail.flow_id } }),
      };
      return { resource, message: detail.message || envelope.fault.message };
    }
    const result = readResult(envelope, 'webhook');
    const resource = decodeResource(result.resource, 'plain');
    return { resource: isObject(resource) ? (resource as FlowizeWebhookResource) : {}, message: result.message };
  }

  // --- Flows ----------------------------------------------------------------------------------

  /** getFlowDiagram — a flow diagram by name (`FlowDiagramObject/Flow`), or null on a 404 Fault. */
  getFlowDiagram(flowName: string): Promise<FlowizeFlowDiagramResource | null> {
    return this.readObject(
      'getFlowDiagram',
      { FlowDiagramObject: { '@_xsi:type': 'mym:FlowDiagramObject', Flow: typed(flowName) } },
      'a flow diagram',
    );
  }

  /** changeFlowStatus — publishes, pauses, resumes or deactivates a flow (`FlowId`, `Status`). */
  async changeFlowStatus(flowId: string, status: FlowizeFlowStatusValue): Promise<{ message: string | null }> {
    const result = await this.operation('changeFlowStatus', {
      FlowDiagramObject: { '@_xsi:type': 'mym:FlowDiagramObject', FlowId: typed(flowId), Status: typed(status) },
    });
    return { message: result.message };
  }

  // --- Data schema ----------------------------------------------------------------------------

  private schemaObject(schema: unknown, sampleRecord: unknown, url: string): Record<string, unknown> {
    return {
      SchemaObject: {
        '@_xsi:type': 'mym:SchemaObject',
        Url: typed(url),
        Schema: typed(toBase64Json(schema)),
        DataRecord: typed(toBase64Json(sampleRecord)),
      },
    };
  }

  /** getSchema — the customer's data schema (`Resource` plain JSON, its `schema` base64), or null on a 404 Fault. */
  getSchema(): Promise<FlowizeDataSchemaResource | null> {
    return this.readObject('getSchema', {}, 'a data schema');
  }

  /** insertSchema — creates the data schema; not retried. The doc's answer has an empty `Resource`. */
  async insertSchema(schema: unknown, sampleRecord: unknown, url: string): Promise<FlowizeDataSchemaWrite> {
    const result = await this.operation('insertSchema', this.schemaObject(schema, sampleRecord, url));
    return this.schemaWrite(result);
  }

  /** updateSchema — replaces the data schema; the whole schema is sent, so a repeat is harmless. */
  async updateSchema(schema: unknown, sampleRecord: unknown, url: string): Promise<FlowizeDataSchemaWrite> {
    const result = await this.operation('updateSchema', this.schemaObject(schema, sampleRecord, url), {
      idempotent: true,
    });
    return this.schemaWrite(result);
  }

  private schemaWrite(result: FlowizeSoapResult): FlowizeDataSchemaWrite {
    const resource = decodeResource(result.resource, 'plain');
    const dates = isObject(resource) ? resource : {};
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      creation_date: text(dates.creation_date),
      modified_date: text(dates.modified_date),
      message: result.message,
    };
  }

  /** deleteSchema — removes the data schema; never retried. */
  async deleteSchema(): Promise<{ message: string | null }> {
    const result = await this.operation('deleteSchema', {});
    return { message: result.message };
  }

  // --- postRecord (session token) -------------------------------------------------------------

  /**
   * postRecord — the introduction's record creation: the record as the `Customer` object and the
   * session token from `/checkauthentication` in `tns:AuthenticationHeader/AccessToken` (never the
   * API key). The flow and uuid travel as `input/FlowName` and `input/Uuid` (not documented).
   * A token Fault costs one new login and one replay; the uuid makes the replay safe.
   */
  async postRecord(
    { flowName, uuid, executeAt }: FlowizeRecordTarget,
    record: Record<string, unknown>,
  ): Promise<CreateRecordsResult> {
    const session = this.session;
    if (!session) {
      throw new GatewayError(
        'VENDOR_NOT_CONFIGURED',
        'flowize SOAP postRecord needs a session token: set FLOWIZE_CLIENT_ID and FLOWIZE_CLIENT_SECRET',
        {
          vendor: VENDOR,
        },
      );
    }
    const operation = this.settings.soap.postRecordOperation;
    const input = {
      '@_xsi:type': `mym:${operation}`,
      FlowName: typed(flowName),
      Uuid: typed(uuid),
      ...(executeAt && { ExecutionTime: typed(executeAt) }),
      Customer: { '@_xsi:type': 'mym:CustomerObject', ...(toCustomerObject(record) as Record<string, unknown>) },
    };
    const send = async () => {
      const token = await session.get(this.http.scope);
      try {
        return await this.send(operation, input, {
          idempotent: true,
          header: { 'tns:AuthenticationHeader': { AccessToken: typed(token.accessToken) } },
        });
      } catch (error) {
        if (error instanceof GatewayError && error.code === 'VENDOR_UNAUTHORIZED') await session.invalidate(token);
        throw error;
      }
    };
    let envelope: ParsedEnvelope;
    try {
      try {
        envelope = await send();
      } catch (error) {
        if (!(error instanceof GatewayError) || error.code !== 'VENDOR_UNAUTHORIZED') throw error;
        // The token was revoked or expired between fetch and use: one new login, one replay.
        envelope = await send();
      }
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'VENDOR_CONFLICT') return alreadyCreated(uuid);
      throw error;
    }
    const wrapper = Object.values(envelope.body).find(isObject);
    const ret = wrapper?.return;
    if (!isObject(ret)) throw badResponse(VENDOR, 'flowize sent a SOAP answer without a return element');
    const result = soapText(ret.Result);
    const message = soapText(ret.Message) || undefined;
    if (result === 'EXISTS') return { uuid, created: null, alreadyExisted: true, message };
    if (result !== 'SUCCESS') {
      throw new GatewayError('VENDOR_REJECTED', `flowize rejected the request: ${message ?? (result || 'unknown')}`, {
        vendor: VENDOR,
        vendorStatus: result || 'unknown',
      });
    }
    const id = soapText(ret.DataRecordID);
    return {
      uuid,
      created: { flow_name: flowName, ...(id !== '' && { data_record_id: id }) },
      alreadyExisted: false,
      message,
    };
  }
}
