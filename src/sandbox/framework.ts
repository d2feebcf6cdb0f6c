/**
 * The framework every vendor simulator is built on: a real HTTP server on a free loopback port,
 * seeded state that can be reset, a log of the requests it served, rate-limit headers and fault
 * injection per route (latency, statuses, 429 + Retry-After, hangs, dropped connections,
 * malformed bodies). Tests drive it in-process through {@link Simulator}; other processes (the
 * benchmarks) through the `/__sandbox/*` control routes, which are never counted.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';

/** A fault applied to the requests it matches, `times` times (forever when omitted). */
export interface FaultRule {
  method?: string;
  /** Exact path (`/v1/record`) or a regular expression over the path. */
  path?: string | RegExp;
  times?: number;
  /** Share (0–1) of the matching requests the fault applies to, drawn at random (all when omitted). */
  probability?: number;
  /** Delay before the request is handled (or before the fault below is applied). */
  latencyMs?: number;
  /** Answer with this status instead of handling the request. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** With status 429 (default when set): the `Retry-After` seconds to send. */
  retryAfterSeconds?: number;
  /** Never answer (the caller's timeout must end the call). */
  hang?: boolean;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Answer 200 with a truncated body (the definition's `malformedBody`, else truncated JSON). */
  malformed?: boolean;
}

/**
 * A request that broke one of the vendor's wire rules (a missing or misnamed header, the wrong
 * content type, a credential in the wrong place, a malformed body or paging parameter). The
 * simulator answers it as the vendor would and records it here, so a test suite can fail on any
 * violation it did not provoke on purpose: a lenient simulator would hide the client's bug.
 */
export interface Violation {
  /** The simulator that recorded it. */
  simulator: string;
  /** A stable rule name, e.g. `auth.header-name`, `content-type`, `paging`. */
  rule: string;
  /** What was wrong, in the vendor's terms. */
  message: string;
  method: string;
  path: string;
  /** The status the simulator answered with. */
  status: number;
  at: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
  /** The id of the injected fault that answered this request, if one did. */
  fault?: number;
}

/** What a simulator definition gets to build its routes. */
export interface SimulatorContext<S> {
  /** The vendor's data; replaced by a fresh seed on reset. */
  state: S;
  /** Base URL of this simulator (known once listening). */
  readonly url: string;
  /** Epoch ms on the simulator's clock ({@link Simulator.now}): what a vendor's own timers run on. */
  now(): number;
  /**
   * Records that `req` broke a wire rule; the route still answers it as the vendor would (use
   * `status` to say with what). Business outcomes (not found, conflict) and credentials that are
   * well placed but wrong or expired are not violations.
   */
  violation(req: Request, rule: string, message: string, status: number): void;
  /** Sends JSON with an ETag; answers 304 when If-None-Match matches. */
  sendJson(req: Request, res: Response, status: number, payload: unknown, extraHeaders?: Record<string, string>): void;
}

export interface SimulatorDefinition<S> {
  name: string;
  /** Fresh seeded state (deterministic). */
  seed(): S;
  /** Registers the vendor's routes. */
  routes(router: Router, ctx: SimulatorContext<S>): void;
  /** Sandbox credentials the gateway uses to reach this simulator, as vendor env vars. */
  env(url: string): Record<string, string>;
  /** Requests per window before 429, with X-RateLimit-* headers (omit for none). */
  rateLimit?: { limit: number; windowMs: number; body: unknown; resetHeader?: 'seconds' | 'epoch' };
  /** Named actions tests can trigger (e.g. `expireTokens`). */
  actions?: Record<string, (state: S) => void>;
  /** What a `malformed` fault answers: a truncated body in this vendor's own envelope. */
  malformedBody?: { contentType: string; body: string };
}

/** Which requests a {@link Gate} holds: method and path as for a fault, the first `times` only when given. */
export interface GateRule {
  method?: string;
  path?: string | RegExp;
  times?: number;
}

/**
 * Holds the requests it matches until the test releases them, so that calls overlap because the
 * test says so rather than because the vendor happened to be slow (see {@link Simulator.hold}).
 */
export class Gate {
  #remaining: number;
  #arrived = 0;
  #held = 0;
  #released = false;
  #open!: () => void;
  readonly #opened = new Promise<void>((resolve) => (this.#open = resolve));
  readonly #arrivals: { count: number; resolve: () => void }[] = [];
  #drained: (() => void)[] = [];

  constructor(readonly rule: GateRule) {
    this.#remaining = rule.times ?? Infinity;
  }

  /** Matching requests that reached the gate so far (held, or let through after the release). */
  get arrived(): number {
    return this.#arrived;
  }

  /** Resolves once `count` matching requests have reached the gate. */
  arrivals(count: number): Promise<void> {
    if (this.#arrived >= count) return Promise.resolve();
    return new Promise((resolve) => this.#arrivals.push({ count, resolve }));
  }

  /**
   * Lets the held requests, and every later one, through; resolves once each held request has
   * been handed to its route (or answered by its fault).
   */
  release(): Promise<void> {
    this.#released = true;
    this.#open();
    if (this.#held === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** True when this gate holds the request (and counts it against `times`). */
  takes(method: string, path: string): boolean {
    if (this.#released || this.#remaining <= 0 || !matches(this.rule, method, path)) return false;
    this.#remaining -= 1;
    return true;
  }

  /** Counts one arrival and waits for the release. */
  async pass(): Promise<void> {
    this.#arrived += 1;
    this.#held += 1;
    for (const waiter of this.#arrivals.filter((w) => w.count <= this.#arrived)) {
      this.#arrivals.splice(this.#arrivals.indexOf(waiter), 1);
      waiter.resolve();
    }
    await this.#opened;
  }

  /** Called once a held request has been handed on. */
  handedOn(): void {
    this.#held -= 1;
    if (this.#held > 0) return;
    for (const resolve of this.#drained) resolve();
    this.#drained = [];
  }
}

interface ActiveFault extends FaultRule {
  id: number;
  remaining: number;
}

const RECORDER = Symbol('sandbox.violation');

/**
 * Records a wire-rule violation for the request `res` answers, from helpers that hold only the
 * request and response (auth checks, body parsers); the same as {@link SimulatorContext.violation}.
 */
export function violation(res: Response, rule: string, message: string, status: number): void {
  const record = (res.locals as Record<symbol, ((rule: string, message: string, status: number) => void) | undefined>)[
    RECORDER
  ];
  record?.(rule, message, status);
}

/** Every simulator listening in this process, for the test suite's after-each violation check. */
export const runningSimulators = new Set<Simulator<any>>();

/** A running simulator. */
export class Simulator<S = unknown> {
  readonly requests: RecordedRequest[] = [];
  /** Wire-rule violations recorded since the last {@link takeViolations}; a reset keeps them. */
  readonly violations: Violation[] = [];
  readonly #faults: ActiveFault[] = [];
  readonly #gates: Gate[] = [];
  #nextFault = 1;
  #server?: Server;
  #url = '';
  #window = { start: Date.now(), count: 0 };
  state: S;
  /** Latency added to every request (benchmarks). */
  latencyMs = 0;
  /** The time the rate-limit window runs on; a test shares the gateway's clock through it. */
  now: () => number = () => Date.now();

  constructor(readonly definition: SimulatorDefinition<S>) {
    this.state = definition.seed();
  }

  get name(): string {
    return this.definition.name;
  }

  get url(): string {
    return this.#url;
  }

  /** The env vars pointing the gateway's vendor at this simulator. */
  env(): Record<string, string> {
    return this.definition.env(this.#url);
  }

  /** Adds a fault; returns its id. */
  fault(rule: FaultRule): number {
    const id = this.#nextFault++;
    this.#faults.push({ ...rule, id, remaining: rule.times ?? Infinity });
    return id;
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /**
   * Holds the requests matching `rule` (recorded, not yet handled) until the returned gate is
   * released; latency and faults apply after it.
   */
  hold(rule: GateRule = {}): Gate {
    const gate = new Gate(rule);
    this.#gates.push(gate);
    return gate;
  }

  /** Releases and forgets every gate. */
  releaseGates(): void {
    for (const gate of this.#gates) gate.release();
    this.#gates.length = 0;
  }

  /** Requests served, optionally filtered by method and path (exact string or RegExp). */
  count(filter: { method?: string; path?: string | RegExp } = {}): number {
    return this.requests.filter((r) => matches(filter, r.method, r.path)).length;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Records a wire-rule violation (see {@link Violation}). */
  recordViolation(req: Pick<Request, 'method' | 'path'>, rule: string, message: string, status: number): void {
    this.violations.push({
      simulator: this.name,
      rule,
      message,
      method: req.method,
      path: req.path,
      status,
      at: Date.now(),
    });
  }

  /** The violations recorded so far, emptying the log. */
  takeViolations(): Violation[] {
    return this.violations.splice(0, this.violations.length);
  }

  /** Back to the seeded state, no faults, no request log. */
  reset(): void {
    this.state = this.definition.seed();
    this.releaseGates();
    this.clearFaults();
    this.clearRequests();
    this.latencyMs = 0;
    this.#window = { start: this.now(), count: 0 };
  }

  /** Runs a named action (e.g. `expireTokens`). */
  action(name: string): void {
    const fn = this.definition.actions?.[name];
    if (!fn) throw new Error(`simulator ${this.name} has no action ${name}`);
    fn(this.state);
  }

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.use(express.text({ type: () => true, limit: '10mb' }));
    this.#controlRoutes(app);
    app.use((req, res, next) => this.#intercept(req, res, next));
    const router = express.Router();
    // The context's getters read the simulator's current state, which `reset` replaces.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const sim = this;
    const ctx: SimulatorContext<S> = {
      get state() {
        return sim.state;
      },
      set state(value: S) {
        sim.state = value;
      },
      get url() {
        return sim.url;
      },
      now: () => sim.now(),
      violation: (req, rule, message, status) => sim.recordViolation(req, rule, message, status),
      sendJson: sendJsonWithEtag,
    };
    this.definition.routes(router, ctx);
    app.use(router);
    app.use((req, res) => {
      res.status(404).json({ error: { code: 404, message: `No route for ${req.method} ${req.path}` } });
    });
    await new Promise<void>((resolve) => {
      this.#server = app.listen(port, host, () => resolve());
    });
    const address = this.#server!.address() as AddressInfo;
    this.#url = `http://${host}:${address.port}`;
    runningSimulators.add(this);
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.releaseGates();
    runningSimulators.delete(this);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #controlRoutes(app: express.Express): void {
    app.get('/__sandbox/requests', (_req, res) => {
      res.json({ count: this.requests.length, requests: this.requests.map(({ body: _b, headers: _h, ...r }) => r) });
    });
    app.post('/__sandbox/faults', (req, res) => {
      const rule = JSON.parse(String(req.body || '{}')) as FaultRule & { pathPattern?: string };
      if (rule.pathPattern) rule.path = new RegExp(rule.pathPattern);
      res.json({ id: this.fault(rule) });
    });
    app.delete('/__sandbox/faults', (_req, res) => {
      this.clearFaults();
      res.json({ ok: true });
    });
    app.post('/__sandbox/latency', (req, res) => {
      this.latencyMs = Number(JSON.parse(String(req.body || '{}')).latencyMs ?? 0);
      res.json({ latencyMs: this.latencyMs });
    });
    app.get('/__sandbox/violations', (_req, res) => {
      res.json({ count: this.violations.length, violations: this.violations });
    });
    app.post('/__sandbox/reset', (_req, res) => {
      this.reset();
      res.json({ ok: true });
    });
  }

  async #intercept(req: Request, res: Response, next: () => void): Promise<void> {
    const recorded: RecordedRequest = {
      method: req.method,
      path: req.path,
      query: { ...req.query },
      headers: { ...req.headers },
      body: typeof req.body === 'string' ? req.body : '',
      at: Date.now(),
    };
    this.requests.push(recorded);
    (res.locals as Record<symbol, unknown>)[RECORDER] = (rule: string, message: string, status: number) =>
      this.recordViolation(req, rule, message, status);
    const gates = this.#gates.filter((gate) => gate.takes(req.method, req.path));
    if (gates.length === 0) return this.#handle(req, res, next, recorded);
    try {
      for (const gate of gates) await gate.pass();
      await this.#handle(req, res, next, recorded);
    } finally {
      for (const gate of gates) gate.handedOn();
    }
  }

  async #handle(req: Request, res: Response, next: () => void, recorded: RecordedRequest): Promise<void> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const fault = this.#faults.find(
      (f) =>
        f.remaining > 0 &&
        matches(f, req.method, req.path) &&
        (f.probability === undefined || Math.random() < f.probability),
    );
    if (fault) {
      fault.remaining -= 1;
      recorded.fault = fault.id;
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.hang) return; // the socket is closed by the caller's timeout or by stop()
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.malformed) {
        const malformed = this.definition.malformedBody ?? {
          contentType: 'application/json',
          body: '{"data": [{"id": ',
        };
        res.status(200).type(malformed.contentType).send(malformed.body);
        return;
      }
      const status = fault.status ?? (fault.retryAfterSeconds !== undefined ? 429 : undefined);
      if (status !== undefined) {
        if (fault.headers) res.set(fault.headers);
        if (fault.retryAfterSeconds !== undefined) res.set('Retry-After', String(fault.retryAfterSeconds));
        const body = fault.body ??
          (status === 429 && this.definition.rateLimit?.body) ?? { error: { code: status, message: 'Injected fault' } };
        res.status(status);
        if (typeof body === 'string') res.send(body);
        else res.json(body);
        return;
      }
    }
    if (this.#rateLimited(res)) return;
    next();
  }

  #rateLimited(res: Response): boolean {
    const limit = this.definition.rateLimit;
    if (!limit) return false;
    const now = this.now();
    if (now - this.#window.start >= limit.windowMs) this.#window = { start: now, count: 0 };
    this.#window.count += 1;
    const resetMs = this.#window.start + limit.windowMs - now;
    const reset = limit.resetHeader === 'epoch' ? Math.ceil((now + resetMs) / 1000) : Math.ceil(resetMs / 1000);
    res.set({
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit.limit - this.#window.count)),
      'X-RateLimit-Reset': String(reset),
    });
    if (this.#window.count <= limit.limit) return false;
    res.set('Retry-After', String(Math.max(1, Math.ceil(resetMs / 1000))));
    res.status(429).json(limit.body);
    return true;
  }
}

function matches(filter: { method?: string; path?: string | RegExp }, method: string, path: string): boolean {
  if (filter.method && filter.method.toUpperCase() !== method) return false;
  if (filter.path === undefined) return true;
  return typeof filter.path === 'string' ? filter.path === path : filter.path.test(path);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends JSON with a strong ETag and answers 304 to a matching If-None-Match. */
export function sendJsonWithEtag(
  req: Request,
  res: Response,
  status: number,
  payload: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const body = JSON.stringify(payload);
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 32)}"`;
  res.set({ ...extraHeaders, ETag: etag, 'Cache-Control': 'no-cache', Pragma: 'no-cache' });
  if ((req.method === 'GET' || req.method === 'HEAD') && status === 200 && req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.status(status).type('application/json').send(body);
}

/** Starts a simulator on a free loopback port. */
export async function startSimulator<S>(definition: SimulatorDefinition<S>, port = 0): Promise<Simulator<S>> {
  return new Simulator(definition).start(port);
}
