/**
 * A performance shim for got 14 on Node 20. Before every request got builds the options of
 * `http.request()` in `Options#createNativeRequestOptions()`: one object literal that spreads two
 * objects and then lists 33 properties. Node 20's V8 (11.3) defines every property that follows a
 * spread in a literal through its slow runtime path, so that literal alone cost ~56 µs per vendor
 * call here (0.5 µs on Node 24): ~15% of got's CPU per call, measured with bench/client-cost.ts.
 *
 * The shim builds the same object with `Object.assign` (same keys, same values, same precedence:
 * later sources win as later literal entries do) for plain requests, and leaves HTTP/2 and PFX
 * arrays (which the gateway never uses) to got's own method. test/resilience/got-options.test.ts
 * checks that both give equal objects, so an upgrade of got that changes the method fails a test
 * rather than silently sending other options. Remove it once Node 20 is no longer supported.
 */
import { checkServerIdentity } from 'node:tls';
import { Options } from 'got';

interface Internals {
  url?: URL;
  http2?: boolean;
  https: Record<string, unknown>;
  agent: Record<string, unknown>;
  cacheOptions: Record<string, unknown>;
  dnsLookup?: unknown;
  dnsCache?: { lookup?: unknown } | boolean;
  [key: string]: unknown;
}

type NativeOptionsBuilder = (this: Options) => Record<string, unknown>;

/** got's own method, kept for the requests the shim does not handle (and for the test). */
export const gotNativeRequestOptions: NativeOptionsBuilder = Options.prototype.createNativeRequestOptions;

/** The same object as got's `createNativeRequestOptions()`, built without a spread literal. */
export function nativeRequestOptions(this: Options): Record<string, unknown> {
  const self = this as unknown as { _internals: Internals; _unixOptions?: Record<string, unknown> };
  const internals = self._internals;
  const https = internals.https;
  if (internals.http2 || Array.isArray(https.pfx)) return gotNativeRequestOptions.call(this);
  const agent = internals.url?.protocol === 'https:' ? internals.agent.https : internals.agent.http;
  const dnsCache = internals.dnsCache as { lookup?: unknown } | undefined;
  return Object.assign({}, internals.cacheOptions, self._unixOptions, {
    ALPNProtocols: https.alpnProtocols,
    ca: https.certificateAuthority,
    cert: https.certificate,
    key: https.key,
    passphrase: https.passphrase,
    pfx: https.pfx,
    rejectUnauthorized: https.rejectUnauthorized,
    checkServerIdentity: https.checkServerIdentity ?? checkServerIdentity,
    servername: https.serverName,
    ciphers: https.ciphers,
    honorCipherOrder: https.honorCipherOrder,
    minVersion: https.minVersion,
    maxVersion: https.maxVersion,
    sigalgs: https.signatureAlgorithms,
    sessionTimeout: https.tlsSessionLifetime,
    dhparam: https.dhparam,
    ecdhCurve: https.ecdhCurve,
    crl: https.certificateRevocationLists,
    secureOptions: https.secureOptions,
    lookup: internals.dnsLookup ?? dnsCache?.lookup,
    family: internals.dnsLookupIpVersion,
    agent,
    setHost: internals.setHost,
    method: internals.method,
    maxHeaderSize: internals.maxHeaderSize,
    localAddress: internals.localAddress,
    headers: internals.headers,
    createConnection: internals.createConnection,
    timeout: undefined,
    h2session: internals.h2session,
  });
}

/** Installs the shim (once; every got instance of the process uses the same Options class). */
export function installGotOptionsShim(): void {
  (Options.prototype as unknown as { createNativeRequestOptions: NativeOptionsBuilder }).createNativeRequestOptions =
    nativeRequestOptions;
}
