/**
 * Flowize simulator — environments: /v1/environment… with the organization API key in X-Apikey,
 * the `{code, data}` envelope, asynchronous operations (creating/upgrading/deleting become their
 * final status a moment later, computed on read), multipart updates with real X.509 checks of the
 * uploaded SSL certificate files, the projects each environment hosts and the URLs mapped to
 * their websites and hosted pages.
 */
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { SANDBOX_CREDENTIALS, flowizeError } from './common.js';
import type { FlowizeState, SimEnvironment, SimEnvironmentProject } from './seed.js';
import { formatWallClock, isTimeZone } from '../../dates.js';

/** The newest Flowize software version (what update-version installs). */
export const LATEST_SOFTWARE_VERSION = 'v.8.4.1';

const SOFTWARE: Record<string, { date_created: string; blocking_update: number }> = {
  'v.8.3.0': { date_created: '2022-06-28 12:00:00', blocking_update: 1 },
  'v.8.4.1': { date_created: '2024-02-20 09:00:00', blocking_update: 0 },
};

/** Packages in upgrade order, with the storage (GB) each includes. */
const PACKAGES: { code: string; name: string; storage: number }[] = [
  { code: 'SS-A', name: 'Single Server A', storage: 20 },
  { code: 'SS-B', name: 'Single Server B', storage: 40 },
  { code: 'SS-C', name: 'Single Server C', storage: 80 },
  { code: 'SS-D', name: 'Single Server D', storage: 160 },
];

const REGIONS = ['amsterdam', 'frankfurt', 'london', 'new york', 'san francisco', 'toronto', 'bangalore', 'singapore'];

/** The projects of the organization's Designer, at their latest version (what an add installs by default). */
const DESIGNER_PROJECTS: Record<number, { name: string; version: number }> = {
  11: { name: 'Customer portal', version: 3 },
  12: { name: 'Billing', version: 5 },
  13: { name: 'Lead intake', version: 2 },
  14: { name: 'Reporting', version: 1 },
};

const DATA_ACTIONS = ['insert', 'insert or update', 'delete and insert'];
const BUSY = new Set(['creating', 'updating', 'deleting', 'upgrading']);

/** `YYYY-MM-DD HH:mm:ss` now, on the wall clock of `zone`. */
const wallNow = (zone: string): string => formatWallClock(new Date(), zone);

/** Finishes an asynchronous operation whose time has come. */
function settle(env: SimEnvironment): SimEnvironment {
  if (env.readyAt !== undefined && Date.now() >= env.readyAt) {
    env.status = env.then ?? 'ready';
    env.readyAt = undefined;
    env.then = undefined;
  }
  return env;
}

function startOperation(env: SimEnvironment, durationMs: number, status: string, then = 'ready'): void {
  env.status = status;
  env.readyAt = Date.now() + durationMs;
  env.then = then;
  env.date_updated = wallNow(env.timezone);
}

function packageOf(code: string) {
  return PACKAGES.find((p) => p.code === code)!;
}

/** An environment in Flowize's `environment_data` shape. */
function view(env: SimEnvironment, withCertificate: boolean) {
  const pkg = packageOf(env.packageCode);
  const total = pkg.storage + env.storageAddons.reduce((sum, a) => sum + a.storage, 0);
  const creating = env.status === 'creating';
  const used = creating ? 0 : env.stats.current_storage;
  const software = SOFTWARE[env.softwareVersion];
  return {
    id: String(env.id),
    name: env.name,
    description: env.description,
    date_created: env.date_created,
    date_updated: env.date_updated,
    info: {
      // A new server has no addresses until it is built.
      frontend_url: creating ? '' : `www-${env.host}.onflowize.com`,
      api_url: creating ? '' : `api-${env.host}.onflowize.com`,
      html_url: creating ? '' : `web-${env.host}.onflowize.com`,
      timezone: env.timezone,
    },
    status: env.status,
    projects: env.projects.map((p) => String(p.id)),
    package: { name: pkg.name, code: pkg.code },
    software: {
      current_version: {
        version: env.softwareVersion,
        date_created: software.date_created,
        blocking_update: software.blocking_update,
        changelog: `https://kb.flowize.com/changelog/${env.softwareVersion}`,
      },
    },
    base_storage: pkg.storage,
    total_storage: total,
    storage_addons: env.storageAddons,
    storage_info: {
      used: Math.round(used * 10_000) / 10_000,
      total,
      used_percentage: Math.round((used / total) * 10_000) / 100,
      available_percentage: Math.round((1 - used / total) * 10_000) / 100,
    },
    active: env.status === 'deleted' ? 0 : 1,
    ip: env.ip,
    ...(!creating && { stats: env.stats }),
    ...(withCertificate && env.ssl_certificate && { ssl_certificate: env.ssl_certificate }),
  };
}

/** X.509 name lines (`CN=x\nO=y`) in the shape Flowize's certificate description uses. */
function nameParts(text: string) {
  const parts = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) parts.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const get = (k: string) => parts.get(k) ?? null;
  return {
    oneline: [...parts].map(([k, v]) => `/${k}=${v}`).join(''),
    fields: {
      serial_number: get('serialNumber'),
      email_address: get('emailAddress'),
      common_name: get('CN'),
      organization_name: get('O'),
      organizational_unit_name: get('OU'),
      locality_name: get('L'),
      state_province_name: get('ST'),
      country_name: get('C'),
    },
  };
}

function describeCertificate(cert: X509Certificate): Record<string, unknown> {
  const subject = nameParts(cert.subject);
  const ec = cert.publicKey.asymmetricKeyType === 'ec';
  return {
    name: subject.oneline,
    subject: subject.fields,
    hash: createHash('sha1').update(cert.subject).digest('hex').slice(0, 8),
    issuer: nameParts(cert.issuer).fields,
    version: 2,
    serial_number: `0x${cert.serialNumber}`,
    valid_from: Math.floor(Date.parse(cert.validFrom) / 1000),
    valid_to: Math.floor(Date.parse(cert.validTo) / 1000),
    signature_type_SN: ec ? 'ecdsa-with-SHA256' : 'RSA-SHA256',
    signature_type_LN: ec ? 'ecdsa-with-SHA256' : 'sha256WithRSAEncryption',
    signature_type_NID: ec ? 794 : 668,
    purposes: { '1': [true, false, 'SSL client'], '2': [true, false, 'SSL server'], '7': [true, true, 'Any Purpose'] },
  };
}

const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

function pemBlocks(text: string, kind: (label: string) => boolean): string[] {
  return [...text.matchAll(PEM_BLOCK)].filter((m) => kind(m[1])).map((m) => m[0]);
}

/** Checks an uploaded certificate and key the way Flowize installs them; returns the failure or the description. */
function installCertificate(
  certPem: string,
  keyPem: string,
  chain: string[],
): { error: [number, string] } | { certificate: Record<string, unknown> } {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { error: [400, 'The certificate file is not a valid X.509 certificate'] };
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem)))
      return { error: [402, 'The private key does not match the certificate'] };
  } catch {
    return { error: [400, 'The private key file is not a valid private key'] };
  }
  for (const pem of chain) {
    try {
      new X509Certificate(pem);
    } catch {
      return { error: [400, 'A chain file is not a valid X.509 certificate'] };
    }
  }
  return { certificate: describeCertificate(cert) };
}

const URL_TYPES = ['website', 'hostedpage'];

/** A JSON array body of URL mappings, checked field by field; the failure message or the items. */
function urlMappings(
  req: Request,
  withName: boolean,
): string | { project_id: number; url: string; name?: string; type: string }[] {
  let items: unknown;
  try {
    items = JSON.parse(typeof req.body === 'string' && req.body.trim() ? req.body : 'null');
  } catch {
    return 'The payload must be a JSON array';
  }
  if (!Array.isArray(items) || items.length === 0) return 'The payload must be a non-empty JSON array';
  const out = [];
  for (const item of items as Record<string, unknown>[]) {
    if (!item || typeof item !== 'object') return 'Every item must be an object';
    if (!Number.isInteger(Number(item.project_id)) || item.project_id === null || item.project_id === '')
      return 'project_id is required and must be an integer';
    if (typeof item.url !== 'string' || !item.url.startsWith('/'))
      return 'url is required and must be a relative URL starting with /';
    if (!URL_TYPES.includes(item.type as string)) return `type must be one of ${URL_TYPES.join(', ')}`;
    if (withName && (typeof item.name !== 'string' || !item.name)) return 'name is required';
    out.push({
      project_id: Number(item.project_id),
      url: item.url,
      type: item.type as string,
      ...(withName && { name: item.name as string }),
    });
  }
  return out;
}

function jsonBody(req: Request): { ok: true; value: Record<string, unknown> } | { ok: false } {
  const text = typeof req.body === 'string' ? req.body.trim() : '';
  if (!text) return { ok: true, value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? { ok: true, value: value as Record<string, unknown> }
      : { ok: false };
  } catch {
    return { ok: false };
  }
}

export function registerEnvironmentsRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  const s = () => ctx.state;

  /** Only the organization API key opens the Environments API, and only with the documented content type. */
  const guard = (
    req: Request,
    res: Response,
    contentType: 'application/json' | 'multipart/form-data' = 'application/json',
  ): boolean => {
    const key = req.header('x-apikey');
    if (!key) {
      flowizeError(res, 401, 'The organization API key is required (X-Apikey)');
      return false;
    }
    if (key !== SANDBOX_CREDENTIALS.orgApiKey) {
      flowizeError(res, 401, 'The organization API key is not valid');
      return false;
    }
    if (s().blockedIp) {
      flowizeError(res, 403, 'Ip not valid', 437);
      return false;
    }
    if (!(req.header('content-type') ?? '').toLowerCase().startsWith(contentType)) {
      flowizeError(res, 400, `Content-Type has to be ${contentType}`);
      return false;
    }
    return true;
  };

  /** The live (not deleted) environment with the route's id, or a 404 answered. */
  const find = (req: Request, res: Response): SimEnvironment | undefined => {
    const env = s().environments.find((e) => String(e.id) === req.params.id);
    if (env) settle(env);
    if (!env || env.status === 'deleted') {
      flowizeError(res, 404, 'Environment not found');
      return undefined;
    }
    return env;
  };

  /** An environment in the middle of an operation takes no other one. */
  const idle = (env: SimEnvironment, res: Response): boolean => {
    if (!BUSY.has(env.status)) return true;
    flowizeError(res, 409, `The environment is ${env.status}; try again when it is ready`);
    return false;
  };

  const send = (res: Response, status: number, data: unknown) => res.status(status).json({ code: status, data });

  type Handler = (env: SimEnvironment, req: Request, res: Response) => unknown;

  /** Registers a read of the live environment `:id` names (guarded; a 404 when there is none). */
  const onEnvironment = (method: 'get', path: string, handler: Handler) =>
    router[method](path, (req: Request, res: Response) => {
      if (!guard(req, res)) return;
      const env = find(req, res);
      if (env) return handler(env, req, res);
    });

  /**
   * Registers a JSON change of the live environment `:id` names (guarded; a 404 when there is
   * none), refused (409) while another operation is under way.
   */
  const onIdleEnvironment = (method: 'post' | 'delete', path: string, handler: Handler) =>
    router[method](path, (req: Request, res: Response) => {
      if (!guard(req, res)) return;
      const env = find(req, res);
      if (env && idle(env, res)) return handler(env, req, res);
    });

  /** Starts an operation on the environment and answers its view as the operation begins. */
  const begin = (env: SimEnvironment, res: Response, status: string, then?: string) => {
    startOperation(env, s().environmentOperationMs, status, then);
    send(res, 200, view(env, false));
  };

  router.get('/v1/environment', (req, res) => {
    if (!guard(req, res)) return;
    const list = s()
      .environments.map(settle)
      .filter((e) => e.status !== 'deleted');
    ctx.sendJson(req, res, 200, { code: 200, data: list.map((e) => view(e, false)) });
  });

  onEnvironment('get', '/v1/environment/:id', (env, req, res) =>
    ctx.sendJson(req, res, 200, { code: 200, data: view(env, true) }),
  );

  router.get('/v1/environment/:id/status', (req, res) => {
    if (!guard(req, res)) return;
    // A deleted environment still reports its status.
    const env = s().environments.find((e) => String(e.id) === req.params.id);
    if (!env) return flowizeError(res, 404, 'Environment not found');
    settle(env);
    ctx.sendJson(req, res, 200, { code: 200, data: { id: String(env.id), status: env.status } });
  });

  router.post('/v1/environment', (req, res) => {
    if (!guard(req, res)) return;
    const body = jsonBody(req);
    if (!body.ok) return flowizeError(res, 400, 'The payload must be a JSON object');
    const { name, description, package: code, region, timezone } = body.value;
    if (typeof name !== 'string' || !name.trim()) return flowizeError(res, 400, 'name is required');
    if (typeof code !== 'string' || !PACKAGES.some((p) => p.code === code))
      return flowizeError(res, 400, `package must be one of ${PACKAGES.map((p) => p.code).join(', ')}`);
    if (typeof region !== 'string' || !REGIONS.includes(region))
      return flowizeError(res, 400, `region must be one of ${REGIONS.join(', ')}`);
    if (timezone !== undefined && (typeof timezone !== 'string' || !isTimeZone(timezone)))
      return flowizeError(res, 400, 'timezone must be a TZ database name');
    if (description !== undefined && typeof description !== 'string')
      return flowizeError(res, 400, 'description must be a string');
    const id = s().nextEnvironmentId++;
    const zone = (timezone as string | undefined) ?? 'Europe/Amsterdam';
    const now = wallNow(zone);
    const env: SimEnvironment = {
      id,
      name: name.trim(),
      description: (description as string | undefined) ?? '',
      status: 'creating',
      region,
      timezone: zone,
      packageCode: code,
      softwareVersion: LATEST_SOFTWARE_VERSION,
      storageAddons: [],
      host: createHash('sha1').update(`${id}:${name}`).digest('hex').slice(0, 12),
      ip: `203.0.113.${100 + id}`,
      date_created: now,
      date_updated: now,
      projects: [],
      urls: [],
      stats: {
        status: 'OBSERVE',
        current_storage: 0.4211,
        visits: 0,
        records: 0,
        batches: 0,
        webhooks: 0,
        tasks: 0,
        avg_performance: 0,
        peak_performance: 0,
      },
    };
    startOperation(env, s().environmentOperationMs, 'creating');
    s().environments.push(env);
    send(res, 201, view(env, false));
  });

  router.post('/v1/environment/:id', async (req, res) => {
    if (!guard(req, res, 'multipart/form-data')) return;
    const env = find(req, res);
    if (!env || !idle(env, res)) return;
    let form: FormData;
    try {
      // express.text already read the body: hand the same bytes to the platform's multipart parser.
      form = await new Response(Buffer.from(typeof req.body === 'string' ? req.body : '', 'utf8'), {
        headers: { 'content-type': req.header('content-type')! },
      }).formData();
    } catch {
      return flowizeError(res, 400, 'The payload must be multipart/form-data');
    }
    const text = async (field: string): Promise<string | undefined> => {
      const v = form.get(field);
      return v === null ? undefined : typeof v === 'string' ? v : await v.text();
    };
    const files = async (field: string) =>
      Promise.all(form.getAll(field).map((v) => (typeof v === 'string' ? v : v.text())));
    const name = await text('name');
    const description = await text('description');
    const deleteCertificate = await text('delete_certificate');
    const pem = await text('pem_file');
    const keyFile = await text('private_key_file');
    const certFile = await text('certificate_file');
    const chain = await files('chain_files');
    if (deleteCertificate !== undefined && deleteCertificate !== '0' && deleteCertificate !== '1')
      return flowizeError(res, 400, 'delete_certificate must be 0 or 1');
    if (name !== undefined && !name.trim()) return flowizeError(res, 400, 'name must not be empty');
    if (
      [name, description, pem, keyFile, certFile].every((v) => v === undefined) &&
      chain.length === 0 &&
      deleteCertificate === undefined
    ) {
      return flowizeError(res, 400, 'Nothing to update');
    }
    let certificate: Record<string, unknown> | undefined;
    if (pem !== undefined) {
      // "If you provide a PEM file, other files will be ignored."
      const certs = pemBlocks(pem, (l) => l === 'CERTIFICATE');
      const keys = pemBlocks(pem, (l) => l.endsWith('PRIVATE KEY'));
      if (certs.length === 0 || keys.length === 0)
        return flowizeError(res, 400, 'The PEM file must hold the certificate and its private key');
      const result = installCertificate(certs[0], keys[0], certs.slice(1));
      if ('error' in result) return flowizeError(res, ...result.error);
      certificate = result.certificate;
    } else if (keyFile !== undefined || certFile !== undefined) {
      if (keyFile === undefined)
        return flowizeError(res, 400, 'The private key file is mandatory when the domain certificate file is uploaded');
      if (certFile === undefined)
        return flowizeError(res, 400, 'The domain certificate file is mandatory when the private key file is uploaded');
      const result = installCertificate(certFile, keyFile, chain);
      if ('error' in result) return flowizeError(res, ...result.error);
      certificate = result.certificate;
    } else if (chain.length > 0) {
      return flowizeError(res, 400, 'Chain files need the domain certificate and private key files');
    }
    if (name !== undefined) env.name = name.trim();
    if (description !== undefined) env.description = description;
    if (deleteCertificate === '1') env.ssl_certificate = undefined;
    if (certificate) env.ssl_certificate = certificate;
    env.date_updated = wallNow(env.timezone);
    send(res, 200, view(env, true));
  });

  onIdleEnvironment('delete', '/v1/environment/:id', (env, _req, res) => begin(env, res, 'deleting', 'deleted'));

  onIdleEnvironment('post', '/v1/environment/:id/upgrade', (env, req, res) => {
    const body = jsonBody(req);
    if (!body.ok) return flowizeError(res, 400, 'The payload must be a JSON object');
    const { package: code, storage } = body.value;
    if (code !== undefined) {
      // "If package is sent, then storage is ignored."
      const target = PACKAGES.findIndex((p) => p.code === code);
      if (target < 0) return flowizeError(res, 400, `package must be one of ${PACKAGES.map((p) => p.code).join(', ')}`);
      if (target <= PACKAGES.findIndex((p) => p.code === env.packageCode))
        return flowizeError(
          res,
          402,
          `The environment already has package ${env.packageCode}; it can only be upgraded to a higher one`,
        );
      env.packageCode = PACKAGES[target].code;
    } else if (storage !== undefined) {
      if (Number(storage) !== 100) return flowizeError(res, 400, 'storage can only be increased by 100 GB each time');
      env.storageAddons.push({ storage: 100, date_created: wallNow(env.timezone) });
    } else {
      return flowizeError(res, 400, 'package or storage is required');
    }
    begin(env, res, 'upgrading');
  });

  onIdleEnvironment('post', '/v1/environment/:id/update-version', (env, _req, res) => {
    if (env.softwareVersion === LATEST_SOFTWARE_VERSION)
      return flowizeError(res, 402, `The environment already runs the latest version (${LATEST_SOFTWARE_VERSION})`);
    env.softwareVersion = LATEST_SOFTWARE_VERSION;
    begin(env, res, 'upgrading');
  });

  onIdleEnvironment('post', '/v1/environment/:id/optimize', (env, _req, res) => {
    env.stats.current_storage = Math.round(env.stats.current_storage * 0.8 * 10_000) / 10_000;
    begin(env, res, 'upgrading');
  });

  onEnvironment('get', '/v1/environment/:id/projects', (env, req, res) =>
    ctx.sendJson(req, res, 200, { code: 200, data: env.projects.map((p) => ({ ...p, id: String(p.id) })) }),
  );

  onIdleEnvironment('post', '/v1/environment/:id/project/:projectId', (env, req, res) => {
    const projectId = Number(req.params.projectId);
    const designer = DESIGNER_PROJECTS[projectId];
    if (!designer) return flowizeError(res, 404, 'Project not found');
    const body = jsonBody(req);
    if (!body.ok) return flowizeError(res, 400, 'The payload must be a JSON object');
    const o = body.value;
    for (const flag of ['static_data', 'file_manager']) {
      if (o[flag] !== undefined && o[flag] !== 'yes' && o[flag] !== 'no')
        return flowizeError(res, 400, `${flag} must be yes or no`);
    }
    for (const all of ['all_keystores', 'all_tables', 'all_websites']) {
      if (o[all] !== undefined && !DATA_ACTIONS.includes(o[all] as string))
        return flowizeError(res, 400, `${all} must be one of ${DATA_ACTIONS.join(', ')}`);
    }
    for (const [list, key] of [
      ['keystores', 'keystore_id'],
      ['tables', 'name'],
      ['websites', 'slug'],
    ] as const) {
      const items = o[list];
      if (items === undefined) continue;
      if (!Array.isArray(items)) return flowizeError(res, 400, `${list} must be an array`);
      for (const item of items as Record<string, unknown>[]) {
        if (!item || typeof item[key] !== 'string' || !item[key])
          return flowizeError(res, 400, `${list}[].${key} is required`);
        if (!DATA_ACTIONS.includes(item.action as string))
          return flowizeError(res, 400, `${list}[].action must be one of ${DATA_ACTIONS.join(', ')}`);
      }
    }
    const current = env.projects.find((p) => p.id === projectId);
    let version = designer.version;
    if (o.source_environment !== undefined) {
      const source = s().environments.find(
        (e) => String(e.id) === String(o.source_environment) && settle(e).status !== 'deleted',
      );
      if (!source) return flowizeError(res, 404, 'Source environment not found');
      if (source.id === env.id) return flowizeError(res, 400, 'The source environment must be another environment');
      const hosted = source.projects.find((p) => p.id === projectId);
      if (!hosted) return flowizeError(res, 402, 'The source environment does not host this project');
      if (current && hosted.version <= current.version)
        return flowizeError(res, 402, 'The source environment does not hold a newer version of the project');
      version = hosted.version;
    }
    const now = wallNow(env.timezone);
    if (current) {
      current.version = version;
      current.date_updated = now;
    } else {
      const project: SimEnvironmentProject = {
        id: projectId,
        name: designer.name,
        version,
        date_created: now,
        date_updated: now,
      };
      env.projects.push(project);
    }
    env.date_updated = now;
    send(res, 200, view(env, true));
  });

  const urlsAnswer = (env: SimEnvironment) => ({ code: 200, data: { urls_mapped: env.urls } });

  onEnvironment('get', '/v1/environment/:id/urls', (env, req, res) => ctx.sendJson(req, res, 200, urlsAnswer(env)));

  onIdleEnvironment('post', '/v1/environment/:id/urls', (env, req, res) => {
    const items = urlMappings(req, true);
    if (typeof items === 'string') return flowizeError(res, 400, items);
    for (const item of items) {
      if (!env.projects.some((p) => p.id === item.project_id))
        return flowizeError(res, 402, `Project ${item.project_id} is not hosted in this environment`);
    }
    const now = wallNow(env.timezone);
    for (const item of items) {
      // One mapping per URL: mapping a URL again moves it.
      const current = env.urls.find((u) => u.url === item.url);
      if (current)
        Object.assign(current, { project_id: item.project_id, name: item.name!, type: item.type, date_updated: now });
      else
        env.urls.push({
          url: item.url,
          project_id: item.project_id,
          name: item.name!,
          type: item.type,
          date_created: now,
          date_updated: now,
        });
    }
    res.status(200).json(urlsAnswer(env));
  });

  onIdleEnvironment('delete', '/v1/environment/:id/urls', (env, req, res) => {
    const items = urlMappings(req, false);
    if (typeof items === 'string') return flowizeError(res, 400, items);
    const doomed = items.map((item) =>
      env.urls.findIndex((u) => u.url === item.url && u.project_id === item.project_id && u.type === item.type),
    );
    const missing = doomed.findIndex((i) => i < 0);
    if (missing >= 0)
      return flowizeError(
        res,
        404,
        `No ${items[missing].type} of project ${items[missing].project_id} is mapped at ${items[missing].url}`,
      );
    env.urls = env.urls.filter((_, i) => !doomed.includes(i));
    res.status(200).json(urlsAnswer(env));
  });

  onIdleEnvironment('delete', '/v1/environment/:id/project/:projectId', (env, req, res) => {
    const index = env.projects.findIndex((p) => String(p.id) === req.params.projectId);
    if (index < 0) return flowizeError(res, 404, 'The project is not hosted in this environment');
    const [removed] = env.projects.splice(index, 1);
    // Its websites and hosted pages go with it.
    env.urls = env.urls.filter((u) => u.project_id !== removed.id);
    env.date_updated = wallNow(env.timezone);
    send(res, 200, view(env, false));
  });
}
