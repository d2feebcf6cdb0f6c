/**
 * A performance shim for got 14 on Node 20. Before every request got builds the options of
 * `http.request()` in `Options#createNativeRequestOptions()`: one object literal that spreads two
 * objects and then lists 33 properties. Node 20's V8 (11.3) defines every property that follows a
 * spread in a literal through its slow runtime path, so that literal alone cost ~56 µs per vendor
 * call here (0.5 µs on Node 24): ~15% of got's CPU per call, measured with bench/client-cost.ts.
 *
 * The shim builds the same object without a spread literal (same values, same precedence: later
 * sources win as later literal entries do) for plain requests, and leaves HTTP/2 and PFX arrays
 * (which the gateway never uses) to got's own method.
 *
 * It also leaves out every option whose value is undefined: 30 of got's 34 keys on a vendor
 * call, which Node reads exactly as absent ones. Node copies the options object three times per
 * request (`Object.assign` in `ClientRequest`, then null-prototype object spreads there and in
 * `Agent#addRequest`), key by key: those copies were 7–8% of the Appmixer fan-out's CPU profile
 * (28 vendor calls per operation). The three copies of got's 34 keys plus the URL's cost ~55 µs
 * per call on Node 20 and ~25 µs on Node 24, against ~9 µs and ~3 µs for the defined ones.
 *
 * test/resilience/got-options.test.ts checks that the shim gives got's object minus its undefined
 * values, so an upgrade of got that changes the method fails a test rather than silently sending
 * other options. The spread-literal part of the shim can go with Node 20; the undefined keys are
 * worth leaving out on Node 24 as well.
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

/**
 * The same options as got's `createNativeRequestOptions()`, built without a spread literal and
 * without the undefined values.
 */
export function nativeRequestOptions(this: Options): Record<string, unknown> {
  const self = this as unknown as { _internals: Internals; _unixOptions?: Record<string, unknown> };
  const internals = self._internals;
  const https = internals.https;
  if (internals.http2 || Array.isArray(https.pfx)) return gotNativeRequestOptions.call(this);
  const agent = internals.url?.protocol === 'https:' ? internals.agent.https : internals.agent.http;
  const dnsCache = internals.dnsCache as { lookup?: unknown } | undefined;
  const options: Record<string, unknown> = {};
  assignDefined(options, internals.cacheOptions);
  if (self._unixOptions) assignDefined(options, self._unixOptions);
  return assignDefined(options, {
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

/**
 * Copies `source`'s own properties onto `target`, leaving out undefined values; an undefined value
 * still removes what an earlier source set, as a later entry of got's literal would override it.
 */
function assignDefined(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== undefined) target[key] = value;
    else if (key in target) delete target[key];
  }
  return target;
}

/** Installs the shim (once; every got instance of the process uses the same Options class). */
export function installGotOptionsShim(): void {
  (Options.prototype as unknown as { createNativeRequestOptions: NativeOptionsBuilder }).createNativeRequestOptions =
    nativeRequestOptions;
}
