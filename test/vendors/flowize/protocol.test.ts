import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src/sandbox/framework.js';
import { flowizeSimulator, SANDBOX_CREDENTIALS } from '../../../src/sandbox/flowize/index.js';
import type { FlowizeState } from '../../../src/sandbox/flowize/seed.js';

const KEYS = { 'x-apikey': SANDBOX_CREDENTIALS.apiKey, 'x-app': SANDBOX_CREDENTIALS.appKey };
const xml = new XMLParser({ parseTagValue: false });

describe('Flowize simulator protocol', () => {
  let sim: Simulator<FlowizeState>;
  let uuid: string;
  beforeAll(async () => {
    sim = await startSimulator(flowizeSimulator);
  });
  afterAll(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    uuid = sim.state.records[0].uuid;
  });

  const getRecord = (headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${sim.url}/v1/record`, {
      method,
      headers: { ...KEYS, 'x-scopes': 'record.read', 'x-uuid': uuid, 'content-type': 'application/json', ...headers },
    });

  it('answers in XML to a caller that accepts application/xml', async () => {
    const res = await getRecord({ accept: 'application/xml' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const doc = xml.parse(await res.text());
    expect(doc.response.resource.info.uuid).toBe(uuid);
    expect(doc.response.message).toBe('Data Record structure was retrieving successfully');
  });

  it('lists arrays as <item> elements and sends errors in XML too', async () => {
    const list = await fetch(`${sim.url}/v1/record/search`, {
      headers: { ...KEYS, 'x-limit': '2', accept: 'application/xml' },
    });
    const doc = xml.parse(await list.text());
    expect(doc.response.resource.records.item).toHaveLength(2);
    expect(doc.response.resource.total).toBe(String(sim.state.records.length));
    const missing = await getRecord({ 'x-uuid': 'no-such-uuid', accept: 'application/xml' });
    expect(missing.status).toBe(404);
    expect(xml.parse(await missing.text()).response.error).toEqual({ code: '404', message: 'Data Record not found' });
  });

  it('accepts an XML data record on POST /record and stores it as data', async () => {
    const res = await fetch(`${sim.url}/v1/record`, {
      method: 'POST',
      headers: {
        ...KEYS,
        'x-scopes': 'record',
        'x-flow': 'invoice-reminders',
        'x-uuid': 'xml-record-1',
        'content-type': 'application/xml',
      },
      body: '<?xml version="1.0" encoding="UTF-8"?><record><name>de Vries &amp; Zn</name><invoices><item><amount>12.50</amount></item><item><amount>7</amount></item></invoices></record>',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const stored = sim.state.records.find((r) => r.uuid === 'xml-record-1')!;
    expect(stored.data).toEqual({ name: 'de Vries & Zn', invoices: [{ amount: '12.50' }, { amount: '7' }] });
  });

  it('refuses an XML body with a DTD', async () => {
    const res = await fetch(`${sim.url}/v1/record`, {
      method: 'POST',
      headers: { ...KEYS, 'x-scopes': 'record', 'x-flow': 'invoice-reminders', 'content-type': 'application/xml' },
      body: '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "boom">]><record><a>&x;</a></record>',
    });
    expect(res.status).toBe(400);
  });

  it('lists the API methods on OPTIONS /v1/options without credentials', async () => {
    const res = await fetch(`${sim.url}/v1/options`, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('GET, POST, PUT, DELETE, HEAD, OPTIONS');
    const body = (await res.json()) as { resource: { methods: unknown[] } };
    expect(body.resource.methods).toContainEqual({
      method: 'PUT',
      endpoint: '/v1/record/changestatus',
      usage: 'Change the status of a record in the queue.',
    });
    const perPath = await fetch(`${sim.url}/v1/record`, { method: 'OPTIONS' });
    expect(perPath.headers.get('allow')).toBe('DELETE, GET, HEAD, POST, PUT');
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const get = await getRecord();
    const head = await getRecord({}, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('last-modified')).toBe(get.headers.get('last-modified'));
  });

  it('revalidates by ETag (GET and HEAD) and by Last-Modified', async () => {
    const first = await getRecord();
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    expect(modified).toMatch(/GMT$/);
    expect((await getRecord({ 'if-none-match': etag })).status).toBe(304);
    expect((await getRecord({ 'if-none-match': etag }, 'HEAD')).status).toBe(304);
    const since = await getRecord({ 'if-modified-since': modified });
    expect(since.status).toBe(304);
    expect(await since.text()).toBe('');
    await fetch(`${sim.url}/v1/record`, {
      method: 'PUT',
      headers: { ...KEYS, 'x-scopes': 'record', 'x-uuid': uuid, 'content-type': 'application/json' },
      body: '{"changed":true}',
    });
    const after = await getRecord({ 'if-modified-since': modified });
    expect(after.status).toBe(200);
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(modified));
    expect((await getRecord({ 'if-none-match': etag })).status).toBe(200);
  });

  it('gives the XML representation its own ETag, which revalidates', async () => {
    const json = await getRecord();
    const asXml = await getRecord({ accept: 'application/xml' });
    const etag = asXml.headers.get('etag')!;
    expect(etag).not.toBe(json.headers.get('etag'));
    expect((await getRecord({ accept: 'application/xml', 'if-none-match': etag })).status).toBe(304);
  });
});
