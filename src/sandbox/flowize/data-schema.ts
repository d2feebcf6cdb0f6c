/**
 * Flowize simulator — the customer's data schema: POST/GET/PUT/DELETE /v1/schema. The schema and
 * sample record travel base64-encoded; one schema per customer.
 */
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { authorize, flowizeError } from './common.js';
import type { FlowizeState } from './seed.js';

function now(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

/** Decodes a strict base64 string holding JSON; undefined when it is not one. */
function decodeJson(value: unknown): unknown {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0)
    return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Validates a POST/PUT payload; answers the 400 itself and returns undefined when invalid. */
function readSchemaPayload(
  req: Request,
  res: Response,
): { schema: string; data_record: string; url: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(typeof req.body === 'string' && req.body ? req.body : 'null');
  } catch {
    flowizeError(res, 400, 'The payload must be JSON');
    return undefined;
  }
  const payload = (body ?? {}) as Record<string, unknown>;
  for (const field of ['schema', 'data_record', 'url']) {
    if (typeof payload[field] !== 'string' || payload[field] === '') {
      flowizeError(res, 400, `${field} is required`);
      return undefined;
    }
  }
  const schema = decodeJson(payload.schema);
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    flowizeError(res, 400, 'schema must be a base64-encoded JSON Schema (version 4) object');
    return undefined;
  }
  if (decodeJson(payload.data_record) === undefined) {
    flowizeError(res, 400, 'data_record must be a base64-encoded JSON data record');
    return undefined;
  }
  return { schema: payload.schema as string, data_record: payload.data_record as string, url: payload.url as string };
}

export function registerDataSchemaRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  const s = () => ctx.state;

  router.get('/v1/schema', (req, res) => {
    if (!authorize(s(), req, res, 'schema.read')) return;
    const current = s().schema;
    if (!current) return flowizeError(res, 404, 'There is no Data Schema for this customer');
    ctx.sendJson(req, res, 200, {
      resource: {
        url: current.url,
        schema: current.schema,
        creation_date: current.creation_date,
        modified_date: current.modified_date,
        customer: s().customerName,
      },
      message: 'Schema structure is retrieving successfully',
    });
  });

  router.post('/v1/schema', (req, res) => {
    if (!authorize(s(), req, res, 'schema')) return;
    if (s().schema) return flowizeError(res, 409, 'A Data Schema already exists for this customer');
    const payload = readSchemaPayload(req, res);
    if (!payload) return;
    const stamp = now();
    s().schema = { ...payload, creation_date: stamp, modified_date: stamp };
    res.status(201).json({
      resource: { creation_date: stamp, modified_date: stamp },
      message: 'Schema structure is created successfully',
    });
  });

  router.put('/v1/schema', (req, res) => {
    if (!authorize(s(), req, res, 'schema')) return;
    const current = s().schema;
    if (!current) return flowizeError(res, 404, 'There is no Data Schema for this customer');
    const payload = readSchemaPayload(req, res);
    if (!payload) return;
    const stamp = now();
    s().schema = { ...payload, creation_date: current.creation_date, modified_date: stamp };
    res.status(201).json({
      resource: { creation_date: current.creation_date, modified_date: stamp },
      message: 'Schema structure is updated successfully',
    });
  });

  // The doc's delete sample lists no X-Scopes; the write scope `schema` is required here as for
  // the other writes, and the gateway always sends it.
  router.delete('/v1/schema', (req, res) => {
    if (!authorize(s(), req, res, 'schema')) return;
    if (!s().schema) return flowizeError(res, 404, 'There is no Data Schema for this customer');
    s().schema = undefined;
    res.status(200).json({ resource: {}, message: 'Schema has been removed successfully' });
  });
}
