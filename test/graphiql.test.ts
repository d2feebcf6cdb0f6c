/**
 * GraphiQL as a developer meets it: Debian's Chromium (driven by playwright-core, no browser
 * download) opens GET /graphql, runs the first example and sees the result with
 * extensions.upstream. Without Chromium the browser test is skipped and says why.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  process.stdout.write(
    `\n  skipping the GraphiQL browser test: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n\n`,
  );
}

/** Runs in the page: the text of GraphiQL's response editor (a CodeMirror 5 instance). */
const RESPONSE_TEXT = `document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? ''`;

describe('GraphiQL page', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('answers a browser GET on /graphql with a page that loads only the gateway’s own assets', async () => {
    const res = await fetch(gw.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      expect(url, 'no CDN, no absolute URL').toMatch(/^graphiql\//);
      const asset = await fetch(new URL(url, gw.url));
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('content-type'), url).toMatch(/javascript|css/);
    }
  });

  it('presets the debug header and one tab per example file', async () => {
    const html = await (await fetch(gw.url, { headers: { accept: 'text/html' } })).text();
    const config = JSON.parse(
      html.match(/<script type="application\/json" id="vendorgraph-graphiql-config">(.*?)<\/script>/s)![1],
    );
    expect(JSON.parse(config.headers)).toEqual({ 'x-vendorgraph-debug': '1' });
    expect(config.tabs[0].query).toContain('query Vendors');
    expect(config.tabs.some((t: { query: string }) => t.query.includes('query FlowizeRecentRecords'))).toBe(true);
  });

  it('leaves JSON clients and GET queries to the GraphQL endpoint', async () => {
    const get = await fetch(`${gw.url}?query=${encodeURIComponent('{ vendors { name } }')}`, {
      headers: { accept: 'text/html', 'apollo-require-preflight': '1' },
    });
    expect(get.headers.get('content-type')).toMatch(/json/);
    const json = await fetch(gw.url, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('serves nothing but the listed assets', async () => {
    for (const name of ['constructor', '__proto__', '..%2Fpackage.json', 'index.ts']) {
      expect((await fetch(new URL(`graphiql/${name}`, gw.url))).status, name).toBe(404);
    }
  });

  describe.skipIf(!hasChromium)('in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--no-first-run',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    afterAll(() => browser?.close());

    it('runs the first example and shows its data and upstream calls, loading nothing from elsewhere', async () => {
      const page = await browser.newPage();
      const origin = new URL(gw.url).origin;
      const foreign: string[] = [];
      const pageErrors: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(`${origin}/`)) foreign.push(r.url());
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));

      await page.goto(gw.url);
      await page.waitForSelector('.graphiql-container', { timeout: 15_000 });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(`(${RESPONSE_TEXT}).includes('"data"')`, undefined, { timeout: 15_000 });
      const result = JSON.parse((await page.evaluate(RESPONSE_TEXT)) as string);

      expect(result.data.vendors).toContainEqual(
        expect.objectContaining({ name: 'flowize', mode: 'SANDBOX', healthy: true }),
      );
      expect(result.extensions.upstream).toBeDefined();
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  });
});
