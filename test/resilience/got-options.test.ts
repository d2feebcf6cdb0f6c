/**
 * The got options shim (src/http/got-options.ts) must hand `http.request()` exactly what got's own
 * `createNativeRequestOptions()` would: checked on the option sets the gateway's calls use, plus
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
    expect(nativeRequestOptions.call(options)).toStrictEqual(gotNativeRequestOptions.call(options));
  });

  it('is what got calls once the http layer is loaded', () => {
    expect(Options.prototype.createNativeRequestOptions).toBe(nativeRequestOptions);
  });
});
