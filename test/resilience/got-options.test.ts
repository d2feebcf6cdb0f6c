/**
 * The got options shim (src/http/got-options.ts) must hand `http.request()` exactly what got's own
 * `createNativeRequestOptions()` would, minus the undefined values: checked on the option sets the gateway's calls use, plus
 * HTTPS, DNS and local-address settings, so a got upgrade that changes the method fails here.
 */
import http from 'node:http';
import https from 'node:https';
import { Options } from 'got';
import { describe, expect, it } from 'vitest';
import { gotNativeRequestOptions, nativeRequestOptions } from '../../src/http/got-options.js';
import '../../src/http/client.js';

const cases: [string, string, ConstructorParameters<typeof Options>[1]][] = [
  [
    'a GET as vendor clients send it',
    'http://127.0.0.1:8080/v1/record/abc',
    {
      method: 'GET',
      headers: { accept: 'application/json', 'x-request-id': 'r-1' },
      timeout: { connect: 3000, response: 10000, request: 15000 },
    },
  ],
  ['a POST with a JSON body', 'http://127.0.0.1:8080/v1/record', { method: 'POST', json: { a: 1 } }],
  [
    'HTTPS with its TLS settings',
    'https://vendor.example/api',
    {
      https: { rejectUnauthorized: false, minVersion: 'TLSv1.2', serverName: 'vendor.example', ciphers: 'HIGH' },
      agent: { https: new https.Agent({ keepAlive: true }) },
    },
  ],
  [
    'a custom agent, DNS family and local address',
    'http://127.0.0.1:8080/',
    {
      agent: { http: new http.Agent({ keepAlive: true }) },
      dnsLookupIpVersion: 4,
      localAddress: '127.0.0.1',
      cacheOptions: { shared: false },
    },
  ],
];

describe('the got options shim', () => {
  it.each(cases)('builds the same http.request() options as got for %s', (_name, url, init) => {
    const options = new Options(url, init);
    const gots = gotNativeRequestOptions.call(options);
    const defined = Object.fromEntries(Object.entries(gots).filter(([, value]) => value !== undefined));
    const ours = nativeRequestOptions.call(options);
    expect(ours).toStrictEqual(defined);
    // Node copies the options three times per request: got's undefined values are not sent at all.
    expect(Object.keys(ours).length).toBeLessThan(Object.keys(gots).length);
  });

  it("lets a later undefined option remove an earlier one, as got's literal does", () => {
    const options = new Options('http://127.0.0.1:8080/', { cacheOptions: { shared: false } });
    // got lists `timeout: undefined` after the cache options: a `timeout` there never reaches Node.
    (options as unknown as { _internals: { cacheOptions: Record<string, unknown> } })._internals.cacheOptions.timeout =
      5;
    expect(gotNativeRequestOptions.call(options).timeout).toBeUndefined();
    expect(nativeRequestOptions.call(options)).not.toHaveProperty('timeout');
    expect(nativeRequestOptions.call(options)).toHaveProperty('shared', false);
  });

  it('is what got calls once the http layer is loaded', () => {
    expect(Options.prototype.createNativeRequestOptions).toBe(nativeRequestOptions);
  });
});
