/**
 * The PhixFlow simulator: the incoming API of a PhixFlow 11 instance at `/phixflow`. Actionflow
 * endpoints answer at `api/1/action/<Application>/<Name>/trigger` (11.x), `api/1/action/<Name or
 * alias>/trigger` (v10 form, URL alias), check the API token header unless anonymous, honour the
 * `timeout` URL parameter (aborting with 408), answer `{status: Success|Fail|Pending, message,
 * processId, data}`, and run poll-mode endpoints in the background with a status URL.
 */
import { fileURLToPath } from 'node:url';
import type { Request, Response, Router } from 'express';
import { violation, type SimulatorContext, type SimulatorDefinition } from '../framework.js';
import { ACTIONFLOWS, SANDBOX_API_KEY, seedPhixflow, type PhixflowState, type SimActionflow } from './seed.js';

export { SANDBOX_API_KEY, type PhixflowState } from './seed.js';

/** The endpoint file shipped for sandbox mode, next to this module. */
export const SANDBOX_ENDPOINT_FILE = fileURLToPath(new URL('./endpoints.yaml', import.meta.url));

function answer(res: Response, status: number, body: object): void {
  res.status(status).json(body);
}

/** Checks the API token unless the endpoint allows anonymous connections. */
function authorized(state: PhixflowState, req: Request, res: Response, flow?: SimActionflow): boolean {
  if (flow?.anonymous) return true;
  const given = req.header(state.authHeader);
  if (!given) {
    const elsewhere = ['authorization', 'x-api-key', 'api-key', 'apikey', 'x-auth-token', 'token'].find(
      (h) => h !== state.authHeader && req.header(h),
    );
    const inQuery = ['api_key', 'apiKey', 'token'].find((q) => req.query[q] !== undefined);
    if (elsewhere || inQuery) {
      violation(
        res,
        'auth.header-name',
        `the API token must be sent in the ${state.authHeader} header, not in ${elsewhere ? `the ${elsewhere} header` : 'the query string'}`,
        401,
      );
    } else {
      violation(res, 'auth.missing', `no ${state.authHeader} header`, 401);
    }
    answer(res, 401, {
      status: 'Fail',
      message: 'Authentication required: this API end-point does not allow anonymous connections',
    });
    return false;
  }
  const bearer = state.authHeader.toLowerCase() === 'authorization';
  const expected = bearer ? `Bearer ${state.apiKey}` : state.apiKey;
  if (bearer && !/^Bearer\s/i.test(given)) {
    violation(res, 'auth.scheme', 'the Authorization header needs the Bearer scheme', 401);
    answer(res, 401, { status: 'Fail', message: 'Invalid API key' });
    return false;
  }
  if (given !== expected) {
    answer(res, 401, { status: 'Fail', message: 'Invalid API key' });
    return false;
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function trigger(
  state: PhixflowState,
  flow: SimActionflow | undefined,
  req: Request,
  res: Response,
  now: () => number,
): Promise<void> {
  if (!flow) return answer(res, 404, { status: 'Fail', message: 'API end-point not found' });
  if (!authorized(state, req, res, flow)) return;
  if (!flow.methods.includes(req.method))
    return answer(res, 405, {
      status: 'Fail',
      message: `HTTP method ${req.method} is not enabled for this API end-point`,
    });
  const text = typeof req.body === 'string' ? req.body : '';
  let input: unknown = {};
  if (text) {
    // The actionflow receives the body with its `contentType`; these parse JSON and say so.
    const type = req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      violation(
        res,
        'content-type',
        `a JSON body needs Content-Type: application/json, got ${type ? `"${type}"` : 'none'}`,
        415,
      );
      return answer(res, 415, {
        status: 'Fail',
        message: `Unsupported content type ${type || '(none)'}: this API end-point reads application/json`,
      });
    }
    try {
      input = JSON.parse(text);
    } catch {
      violation(res, 'body.json', 'the request body is not valid JSON', 200);
      return answer(res, 200, { status: 'Fail', message: 'The request body is not valid JSON' });
    }
  }
  state.calls.push({ endpoint: flow.name, input });

  if (flow.mode === 'poll') {
    const processId = String(state.nextProcessId++);
    const result = flow.run(input, state);
    state.processes.set(processId, { endpoint: flow.name, doneAt: now() + state.asyncMs, result });
    return answer(res, 202, { status: 'Pending', processId, message: 'Process started' });
  }

  const timeoutParam = req.query.timeout;
  const timeout = timeoutParam === undefined ? 60_000 : Number(timeoutParam);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    violation(res, 'query', `timeout "${String(timeoutParam)}" is not a positive number of milliseconds`, 400);
    return answer(res, 400, { status: 'Fail', message: 'timeout must be a positive number of milliseconds' });
  }
  const duration = flow.durationMs(state);
  if (duration > timeout) {
    await sleep(timeout);
    return answer(res, 408, {
      status: 'Fail',
      message: `The action did not complete within ${timeout} ms and was aborted`,
    });
  }
  if (duration > 0) await sleep(duration);
  answer(res, 200, flow.run(input, state));
}

/**
 * Names in the URL are percent-encoded path segments (`My%20API`): a `+` for a space (form
 * encoding, which only the query string knows) or a raw character outside RFC 3986 finds no
 * endpoint, and is the client's encoding bug. Answers 404 itself and returns false.
 */
function encodedPath(req: Request, res: Response): boolean {
  const raw = req.originalUrl.split('?')[0];
  const bad = raw.includes('+')
    ? 'a "+" (a space must be %20 in a path)'
    : /[^A-Za-z0-9\-._~!$&'()*,;=:@/%]/.test(raw)
      ? 'a character that is not percent-encoded'
      : undefined;
  if (!bad) return true;
  violation(res, 'path.encoding', `the path ${raw} holds ${bad}`, 404);
  answer(res, 404, { status: 'Fail', message: 'API end-point not found' });
  return false;
}

function routes(router: Router, ctx: SimulatorContext<PhixflowState>): void {
  const s = () => ctx.state;
  router.use('/phixflow/api', (req, res, next) => {
    if (encodedPath(req, res)) next();
  });

  // The instance root serves the PhixFlow web application.
  router.get('/phixflow', (_req, res) => {
    res.status(200).type('text/html').send('<!doctype html><title>PhixFlow</title><div id="phixflow"></div>');
  });

  router.get('/phixflow/api/1/action/status/:processId', (req, res) => {
    if (!authorized(s(), req, res)) return;
    const process = s().processes.get(req.params.processId);
    if (!process) return answer(res, 404, { status: 'Fail', message: `No process with id ${req.params.processId}` });
    if (ctx.now() < process.doneAt)
      return answer(res, 200, { processId: req.params.processId, status: 'Running', message: 'Process is running' });
    answer(res, 200, { processId: req.params.processId, ...process.result });
  });

  router.all('/phixflow/api/1/action/:application/:name/trigger', (req, res) => {
    const flow = ACTIONFLOWS.find((f) => f.application === req.params.application && f.name === req.params.name);
    void trigger(s(), flow, req, res, ctx.now);
  });

  // The v10 form (actionflow name only) still works in 11; a URL alias takes the same place.
  router.all('/phixflow/api/1/action/:name/trigger', (req, res) => {
    const flow =
      ACTIONFLOWS.find((f) => f.alias === req.params.name) ?? ACTIONFLOWS.find((f) => f.name === req.params.name);
    void trigger(s(), flow, req, res, ctx.now);
  });
}

export const phixflowSimulator: SimulatorDefinition<PhixflowState> = {
  name: 'phixflow',
  seed: seedPhixflow,
  routes,
  env: (url) => ({
    PHIXFLOW_BASE_URL: `${url}/phixflow`,
    PHIXFLOW_API_KEY: SANDBOX_API_KEY,
    PHIXFLOW_CONFIG: SANDBOX_ENDPOINT_FILE,
  }),
  actions: {
    /** The API key is regenerated: the gateway's key stops working. */
    rotateKey: (state) => {
      state.apiKey = `${state.apiKey}-rotated`;
    },
  },
};
