/**
 * GraphiQL served by the gateway itself: a browser's GET on /graphql gets the page, and every
 * script and stylesheet it loads comes from this gateway's own npm packages (graphiql's UMD
 * bundle, React 18's UMD builds), never from a CDN: many company networks block CDNs and the
 * sandbox must work offline. The tabs are the example operations in examples/operations/.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const HERE = dirname(fileURLToPath(import.meta.url));

/** Where the example operations live (shared with the typed example client). */
export const EXAMPLE_OPERATIONS_DIR = fileURLToPath(new URL('../../examples/operations/', import.meta.url));

/** The files the page may load, by public name; nothing else under /graphiql/ is served. */
const ASSETS: Record<string, string> = {
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
  'react.production.min.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'start.js': join(HERE, 'assets/start.js'),
  'page.css': join(HERE, 'assets/page.css'),
};

/** One GraphiQL tab. */
export interface GraphiQLTab {
  query: string;
  variables?: string;
  headers?: string;
}

export interface GraphiQLOptions {
  /** Presets `x-vendorgraph-debug: 1` (only when the gateway honours it). */
  debugHeader: boolean;
  /** Defaults to {@link EXAMPLE_OPERATIONS_DIR}. */
  operationsDir?: string;
}

const FALLBACK_QUERY =
  '# Every vendor and its health.\nquery Vendors {\n  vendors {\n    name\n    mode\n    healthy\n    latencyMs\n    message\n  }\n}\n';

/**
 * One tab per example file, `vendors.graphql` (the overview) first, then by file name, so each
 * vendor's operations sit together. Without the folder (a trimmed image) one overview tab remains.
 */
export function loadExampleTabs(dir: string = EXAMPLE_OPERATIONS_DIR): string[] {
  if (!existsSync(dir)) return [FALLBACK_QUERY];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'vendors.graphql' ? -1 : b === 'vendors.graphql' ? 1 : a.localeCompare(b)));
  const tabs = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  return tabs.length > 0 ? tabs : [FALLBACK_QUERY];
}

/** True for a browser asking for a page, not a GET query (`?query=`) or a JSON client. */
function wantsPage(req: Request): boolean {
  if (req.query.query !== undefined) return false;
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

function renderPage(config: { tabs: GraphiQLTab[]; headers?: string }): string {
  // `<` escaped so that no operation text can close the JSON block.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  // Asset URLs are relative: the page works behind a reverse proxy that adds a path prefix.
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>vendorgraph · GraphiQL</title>
    <link rel="stylesheet" href="graphiql/graphiql.min.css" />
    <link rel="stylesheet" href="graphiql/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script type="application/json" id="vendorgraph-graphiql-config">${json}</script>
    <script src="graphiql/react.production.min.js"></script>
    <script src="graphiql/react-dom.production.min.js"></script>
    <script src="graphiql/graphiql.min.js"></script>
    <script src="graphiql/start.js"></script>
  </body>
</html>
`;
}

/** GET /graphql (for browsers) and GET /graphiql/<asset>. Mount before the GraphQL middleware. */
export function graphiqlRoutes(options: GraphiQLOptions): Router {
  const headers = options.debugHeader ? JSON.stringify({ 'x-vendorgraph-debug': '1' }, null, 2) : undefined;
  const tabs = loadExampleTabs(options.operationsDir).map((query) => ({ query, ...(headers && { headers }) }));
  const page = renderPage({ tabs, headers });
  const router = Router({ strict: true });
  router.get('/graphql', (req, res, next) => {
    if (!wantsPage(req)) return next();
    res.set('content-type', 'text/html; charset=utf-8').set('cache-control', 'no-cache').send(page);
  });
  // `/graphql/` would resolve the relative asset URLs under /graphql/: send browsers to the real path.
  router.get('/graphql/', (req, res, next) => (wantsPage(req) ? res.redirect(301, '../graphql') : next()));
  // Browsers ask for it on every visit; an empty answer keeps the console clean.
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).set('cache-control', 'public, max-age=86400').end();
  });
  router.get('/graphiql/:asset', (req, res, next) => {
    const name = req.params.asset;
    if (!Object.hasOwn(ASSETS, name)) return next();
    res.sendFile(ASSETS[name], { maxAge: '1h' });
  });
  return router;
}
