/**
 * PhixflowClient: the only code that knows PhixFlow's incoming-API wire format — the trigger URL
 * forms (11.x application/name, v10 name only, 11.1.1+ URL alias), the token header, the `timeout`
 * URL parameter, Success/Fail answers, process ids and status polling. Only endpoints named in the
 * configuration can be called: a caller's endpoint name is looked up, never turned into a URL.
 */
import pLimit from 'p-limit';
import { GatewayError, badUserInput } from '../../errors.js';
import { systemClock, type Clock } from '../../http/clock.js';
import { VendorHttp, type HttpMethod, type VendorResponse } from '../../http/client.js';
import { headerValue, pathSegment } from '../../http/url.js';
import { badResponse, errorBodyParser, firstText, type HealthReport, type VendorDeps } from '../../kit/index.js';
import { PHIXFLOW_DEFAULTS, phixflowConfig, type PhixflowEndpointConfig, type PhixflowSettings } from './config.js';
import {
  statusOf,
  toOutcome,
  type PhixflowAnswer,
  type PhixflowInvocationModel,
  type PhixflowOutcome,
  type PhixflowRecordResult,
} from './models.js';

const VENDOR = phixflowConfig.name;

/**
 * PhixFlow's failure answers carry `{status: "Fail", message}`. A Fail from the actionflow's
 * logic is a rejection whatever the HTTP status; auth, missing endpoints and timeouts keep the
 * meaning of their status.
 */
export const parsePhixflowError = errorBodyParser({
  json: (body) => ({
    message: firstText(body.message),
    code: statusOf(body.status as PhixflowAnswer['status']) === 'FAIL' ? 'FAIL' : undefined,
  }),
  plainText: true,
  // A Fail answer is a logic failure whatever the status, except the gateway statuses that keep their meaning.
  finish: (status, { message, code }) =>
    code === 'FAIL' && ![401, 403, 404, 408, 429, 502, 503, 504].includes(status)
      ? { message, code, force: 'VENDOR_REJECTED' }
      : { message },
});

/** A FAIL outcome as the error a client sees: VENDOR_REJECTED with the vendor's message. */
export function rejection(outcome: PhixflowOutcome): GatewayError {
  return new GatewayError('VENDOR_REJECTED', `phixflow rejected the request: ${outcome.message ?? 'Fail'}`, {
    vendor: VENDOR,
    vendorStatus: 'FAIL',
  });
}

export type PhixflowCallMode = 'SYNC' | 'ASYNC';

export interface InvokeOptions {
  /** SYNC waits for the result (polling server-side on a poll-mode endpoint); ASYNC returns the process id. */
  mode?: PhixflowCallMode;
  /** A shorter vendor timeout than configured (wait-mode endpoints). */
  timeoutMs?: number;
  /** How long server-side polling may run before answering PENDING. */
  deadlineMs?: number;
  /** Send each element of an array input as its own call and report per record. */
  eachRecord?: boolean;
}

export class PhixflowClient {
  readonly http: VendorHttp;
  readonly settings: PhixflowSettings;
  /** What server-side polling waits on: the gateway's clock. */
  private readonly clock: Clock;

  /** Sandbox or live: a live gateway never tells a caller which endpoints are configured. */
  private readonly mode: VendorDeps['mode'];

  constructor(settings: PhixflowSettings, deps: VendorDeps) {
    this.settings = settings;
    this.clock = deps.http.shared?.clock ?? systemClock;
    this.mode = deps.mode;
    this.http = deps.createHttp({
      baseUrl: settings.baseUrl,
      headers: { accept: 'application/json, text/plain;q=0.9' },
      parseError: parsePhixflowError,
    });
  }

  /** The configured endpoints, in file order. */
  get endpoints(): PhixflowEndpointConfig[] {
    return Object.values(this.settings.file.endpoints);
  }

  /**
   * A configured endpoint by name; an unknown name is NOT_FOUND (the gateway has no such thing),
   * never a URL. Only the sandbox lists the configured names as a hint: in live mode the list is
   * the customer's business, not any caller's.
   */
  endpoint(name: string): PhixflowEndpointConfig {
    const endpoint = Object.hasOwn(this.settings.file.endpoints, name) ? this.settings.file.endpoints[name] : undefined;
    if (!endpoint) {
      const hint =
        this.mode === 'sandbox'
          ? `; configured: ${Object.keys(this.settings.file.endpoints).join(', ') || 'none'}`
          : '';
      throw new GatewayError('NOT_FOUND', `unknown PhixFlow endpoint "${name.slice(0, 100)}"${hint}`, {
        vendor: VENDOR,
      });
    }
    return endpoint;
  }

  private credential(endpoint: Pick<PhixflowEndpointConfig, 'authHeader' | 'anonymous'>): Record<string, string> {
    if (endpoint.anonymous || !this.settings.apiKey) return {};
    const bearer = endpoint.authHeader.toLowerCase() === 'authorization';
    return {
      [endpoint.authHeader.toLowerCase()]: headerValue(
        bearer ? `Bearer ${this.settings.apiKey}` : this.settings.apiKey,
        'PHIXFLOW_API_KEY',
      ),
    };
  }

  /** The trigger path: alias form, 11.x application/name form, or the v10 name-only form. */
  private triggerPath(e: PhixflowEndpointConfig): string {
    if (e.alias) return `api/1/action/${pathSegment(e.alias, 'endpoint alias')}/trigger`;
    if (e.application)
      return `api/1/action/${pathSegment(e.application, 'application')}/${pathSegment(e.name!, 'endpoint name')}/trigger`;
    return `api/1/action/${pathSegment(e.name!, 'endpoint name')}/trigger`;
  }

  private outcome(res: VendorResponse<unknown>, endpoint: PhixflowEndpointConfig | undefined): PhixflowOutcome {
    const outcome = toOutcome((res.data as PhixflowAnswer | undefined) ?? res.text, endpoint);
    if (!outcome) throw badResponse(VENDOR, 'phixflow sent an answer that is neither Success nor Fail', res.status);
    return outcome;
  }

  /**
   * POST (or the configured method) …/trigger — one call to an actionflow. A wait-mode call carries
   * the `timeout` URL parameter and gets an upstream timeout past it; FAIL comes back as an outcome.
   */
  async trigger(endpoint: PhixflowEndpointConfig, input: unknown, timeoutMs?: number): Promise<PhixflowOutcome> {
    const method = endpoint.method as HttpMethod;
    const wait = endpoint.mode === 'wait';
    const vendorTimeout = timeoutMs ?? endpoint.timeoutMs;
    const searchParams: Record<string, string | number | boolean | undefined> = wait ? { timeout: vendorTimeout } : {};
    let body: string | undefined;
    if (method === 'GET' || method === 'DELETE') {
      if (input !== undefined && input !== null) {
        if (typeof input !== 'object' || Array.isArray(input))
          throw badUserInput(`input of ${endpoint.key} must be an object of query parameters`);
        for (const [k, v] of Object.entries(input)) {
          if (k === 'timeout' || (v !== null && typeof v === 'object'))
            throw badUserInput(`input.${k} cannot be sent as a query parameter`);
          searchParams[k] = v === null ? '' : (v as string | number | boolean);
        }
      }
    } else if (input !== undefined) {
      body = JSON.stringify(input);
    }
    const res = await this.http.request({
      method,
      path: this.triggerPath(endpoint),
      operation: `trigger:${endpoint.key}`,
      headers: { ...this.credential(endpoint), ...(body !== undefined && { 'content-type': 'application/json' }) },
      searchParams,
      ...(body !== undefined && { body }),
      ...(wait && { timeoutMs: vendorTimeout + endpoint.timeoutGraceMs }),
    });
    return this.outcome(res, endpoint);
  }

  /** GET <poll URL template> — an invocation's status by process id, or null when PhixFlow has no such process. */
  async status(processId: string, endpoint?: PhixflowEndpointConfig): Promise<PhixflowOutcome | null> {
    const template = endpoint?.pollUrl ?? this.settings.file.pollUrl;
    const values: Record<string, string | undefined> = {
      processId,
      application: endpoint?.application,
      name: endpoint?.name,
      alias: endpoint?.alias,
      path: endpoint ? this.triggerPath(endpoint).replace(/^api\/1\/action\/|\/trigger$/g, '') : undefined,
    };
    const path = template.replace(/\{(\w+)\}/g, (_m, key: string) => {
      const value = values[key];
      if (value === undefined)
        throw badUserInput(`the status of a process needs an endpoint: its poll URL uses {${key}}`);
      return key === 'path' ? value : pathSegment(value, key);
    });
    const res = await this.http.request({
      path,
      operation: 'status',
      headers: this.credential(endpoint ?? { authHeader: this.settings.file.authHeader, anonymous: false }),
      allowStatuses: [404],
    });
    if (res.status === 404) return null;
    const outcome = this.outcome(res, endpoint);
    return { ...outcome, processId: outcome.processId ?? processId };
  }

  /** Polls with exponential backoff until the process leaves PENDING or the deadline passes. */
  async poll(
    endpoint: PhixflowEndpointConfig,
    processId: string,
    deadlineMs: number,
  ): Promise<{ outcome: PhixflowOutcome; polls: number }> {
    const clock = this.clock;
    const deadline = clock.now() + deadlineMs;
    let interval = endpoint.pollIntervalMs;
    let polls = 0;
    let outcome: PhixflowOutcome = { status: 'PENDING', processId, message: null, data: null };
    for (;;) {
      const wait = Math.min(interval, deadline - clock.now());
      if (wait > 0) await clock.sleep(wait);
      polls += 1;
      outcome = (await this.status(processId, endpoint)) ?? outcome;
      if (outcome.status !== 'PENDING' || clock.now() >= deadline) return { outcome, polls };
      interval = Math.min(interval * 1.5, PHIXFLOW_DEFAULTS.pollMaxIntervalMs);
    }
  }

  /**
   * One invocation as the caller asked for it: ASYNC returns the process id at once; SYNC waits —
   * on a wait-mode endpoint in the call itself, on a poll-mode endpoint by polling server-side
   * until done or the deadline. A FAIL throws VENDOR_REJECTED, except per record where each
   * record's failure is reported in its slot.
   */
  async invoke(name: string, input: unknown, options: InvokeOptions = {}): Promise<PhixflowInvocationModel> {
    const endpoint = this.endpoint(name);
    const mode = options.mode ?? (endpoint.mode === 'poll' ? 'ASYNC' : 'SYNC');
    if (mode === 'ASYNC' && endpoint.mode === 'wait')
      throw badUserInput(`${endpoint.key} waits for its result; it cannot be invoked ASYNC`);
    if (
      options.timeoutMs !== undefined &&
      (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0 || options.timeoutMs > endpoint.timeoutMs)
    ) {
      throw badUserInput(`timeoutMs must be between 1 and ${endpoint.timeoutMs} for ${endpoint.key}`);
    }
    const deadlineMs = options.deadlineMs ?? endpoint.pollDeadlineMs;
    if (!Number.isInteger(deadlineMs) || deadlineMs <= 0 || deadlineMs > endpoint.pollDeadlineMs) {
      throw badUserInput(`deadlineMs must be between 1 and ${endpoint.pollDeadlineMs} for ${endpoint.key}`);
    }

    const once = async (value: unknown) => {
      let outcome = await this.trigger(endpoint, value, options.timeoutMs);
      let polls = 0;
      if (mode === 'SYNC' && outcome.status === 'PENDING' && outcome.processId)
        ({ outcome, polls } = await this.poll(endpoint, outcome.processId, deadlineMs));
      return { outcome, polls };
    };

    if (!options.eachRecord) {
      const { outcome, polls } = await once(input);
      if (outcome.status === 'FAIL') throw rejection(outcome);
      return { ...outcome, endpoint: endpoint.key, polls, records: null };
    }

    if (!Array.isArray(input) || input.length === 0)
      throw badUserInput('eachRecord needs input to be a non-empty JSON array of records');
    if (input.length > PHIXFLOW_DEFAULTS.maxRecords)
      throw badUserInput(`eachRecord takes at most ${PHIXFLOW_DEFAULTS.maxRecords} records per call`);
    const limit = pLimit(PHIXFLOW_DEFAULTS.recordConcurrency);
    let polls = 0;
    const records = await Promise.all(
      input.map((record, index) =>
        limit(async (): Promise<PhixflowRecordResult> => {
          try {
            const result = await once(record);
            polls += result.polls;
            return { index, ...result.outcome, errorCode: result.outcome.status === 'FAIL' ? 'VENDOR_REJECTED' : null };
          } catch (error) {
            // Only this record failed: PhixFlow processes records individually.
            if (!(error instanceof GatewayError) || error.code === 'BAD_USER_INPUT') throw error;
            return {
              index,
              status: 'FAIL',
              processId: null,
              message: error.message,
              data: null,
              errorCode: error.code,
            };
          }
        }),
      ),
    );
    const failed = records.filter((r) => r.status === 'FAIL').length;
    const pending = records.filter((r) => r.status === 'PENDING').length;
    return {
      endpoint: endpoint.key,
      status: failed > 0 ? 'FAIL' : pending > 0 ? 'PENDING' : 'SUCCESS',
      processId: null,
      message:
        failed > 0
          ? `${failed} of ${records.length} records failed`
          : pending > 0
            ? `${pending} of ${records.length} records still running`
            : `${records.length} records succeeded`,
      data: null,
      polls,
      records,
    };
  }

  /**
   * The health check: only reaches the server (PhixFlow publishes no health endpoint; GET on the
   * instance root answers its web app). An actionflow is a vendor action, so the configured
   * `healthEndpoint` is triggered only when PHIXFLOW_HEALTH_INVOKE=true says so.
   */
  async checkHealth(): Promise<string> {
    const name = this.settings.file.healthEndpoint;
    if (name && this.settings.healthInvoke) {
      const result = await this.invoke(name, {}, { mode: 'SYNC' });
      return `${name}: ${result.status.toLowerCase()}`;
    }
    await this.http.request({ path: '', operation: 'reach', allowStatuses: [401, 403, 404] });
    return `reachable; ${this.endpoints.length} endpoints configured`;
  }

  /** The health check: a cheap authenticated call that shows the vendor answers with these settings. */
  async health(): Promise<HealthReport> {
    return { healthy: true, message: await this.checkHealth() };
  }
}
