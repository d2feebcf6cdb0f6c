/**
 * `credentialIdentity` of the credentials a vendor's auth strategy adds, remembered: a vendor
 * without an `identity()` would otherwise hash the same headers (JSON and SHA-256) on every call.
 * The serialized credentials are the key, so a refreshed token gets a fresh identity as before.
 * Kept in process memory only, like the credentials themselves; bounded.
 */
import { credentialIdentity } from './cache.js';

const MAX_ENTRIES = 256;
const known = new Map<string, string>();

/** The identity of credentials sent as `headers` and `searchParams`. */
export function identityOfCredentials(headers: Record<string, string>, searchParams: Record<string, string>): string {
  const key = JSON.stringify([headers, searchParams]);
  let identity = known.get(key);
  if (identity === undefined) {
    identity = credentialIdentity([headers, searchParams]);
    if (known.size >= MAX_ENTRIES) known.clear();
    known.set(key, identity);
  }
  return identity;
}
