/**
 * PhixFlow wire shapes and their mapping to GraphQL. The vendor documents only that a caller gets
 * "Success" or "Fail" with a customisable message, plus data from an output connection point; the
 * gateway reads a JSON answer `{status, message, processId, data}` (a bare text answer is read as
 * the status and message) and takes `data` from the endpoint's configured `dataPath`.
 */
import type { PhixflowEndpointConfig } from './config.js';

/** The answer of a trigger or status call, as PhixFlow sends it. */
export interface PhixflowAnswer {
  status?: string;
  message?: string;
  processId?: string | number;
  data?: unknown;
  [key: string]: unknown;
}

export type PhixflowStatusName = 'SUCCESS' | 'FAIL' | 'PENDING';

/** The outcome of one call, normalised. */
export interface PhixflowOutcome {
  status: PhixflowStatusName;
  processId: string | null;
  message: string | null;
  data: unknown;
}

/** Reads PhixFlow's status word: Success, Fail (or Error), and anything in progress as PENDING. */
export function statusOf(word: unknown): PhixflowStatusName | undefined {
  const text = String(word ?? '').trim();
  if (/^succe/i.test(text) || /^ok$/i.test(text)) return 'SUCCESS';
  if (/^(fail|error|abort)/i.test(text)) return 'FAIL';
  if (/^(pending|running|queued|processing|started|in.?progress|accepted)/i.test(text)) return 'PENDING';
  return undefined;
}

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** Normalises an answer; undefined when it says neither success, failure nor progress. */
export function toOutcome(
  answer: PhixflowAnswer | string | undefined,
  endpoint: Pick<PhixflowEndpointConfig, 'dataPath'> | undefined,
): PhixflowOutcome | undefined {
  if (typeof answer === 'string') {
    const status = statusOf(answer.split(/[\s:.-]/)[0]);
    return status ? { status, processId: null, message: answer.trim() || null, data: null } : undefined;
  }
  if (!answer || typeof answer !== 'object') return undefined;
  const status = statusOf(answer.status ?? answer.result ?? answer.state);
  if (!status) return undefined;
  const processId = answer.processId ?? answer.processID ?? answer.id;
  return {
    status,
    processId: processId === undefined || processId === null || processId === '' ? null : String(processId),
    message: typeof answer.message === 'string' ? answer.message : null,
    data: at(answer, endpoint?.dataPath ?? 'data') ?? null,
  };
}

/** What PhixflowInvocation resolves from. */
export interface PhixflowInvocationModel extends PhixflowOutcome {
  endpoint: string | null;
  /** Status calls made by server-side polling. */
  polls: number;
  records: PhixflowRecordResult[] | null;
}

/** One record of a per-record invocation. */
export interface PhixflowRecordResult {
  index: number;
  status: PhixflowStatusName;
  processId: string | null;
  message: string | null;
  data: unknown;
  /** The gateway error code when the record failed. */
  errorCode: string | null;
}

/** What PhixflowEndpoint resolves from: the configuration, never the key. */
export type PhixflowEndpointModel = PhixflowEndpointConfig;

/** An endpoint's inputs or outputs as a list. */
export function fields(map: PhixflowEndpointConfig['inputs']) {
  return Object.entries(map).map(([name, f]) => ({
    name,
    type: f.type ?? null,
    required: f.required ?? false,
    description: f.description ?? null,
  }));
}
