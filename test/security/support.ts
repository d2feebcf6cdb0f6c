/**
 * Shared fixtures of the security tests: client API keys with their config entries, JWT minting,
 * a raw HTTP client (for bodies and headers GraphQL clients would never send) and leak checks.
 */
import { SignJWT } from 'jose';
import { expect } from 'vitest';
import { hashApiKey } from '../../src/security/auth.js';

/** Plain client keys (what callers send) by role. */
export const KEYS = {
  reader: 'vg_reader_canary_5f1d0c9e7b2a4c83a9',
  operator: 'vg_operator_canary_8e3b71d2c04f6a95',
  admin: 'vg_admin_canary_2c7e9a41f3b8d6055e',
} as const;

/** VENDORGRAPH_API_KEYS for {@link KEYS} (hashes only). */
export const API_KEYS_ENV = Object.entries(KEYS)
  .map(([role, key]) => `${role}-app:${role}:${hashApiKey(key)}`)
  .join(',');

export const JWT_SECRET = 'jwt-secret-canary-7c1e5b9d3a8f2e6c4b0d9a7f';
export const JWT_ISSUER = 'https://id.example.test/';
export const JWT_AUDIENCE = 'vendorgraph';

/** Gateway variables accepting {@link KEYS} and HS256 tokens signed with {@link JWT_SECRET}. */
export const AUTH_ENV = {
  VENDORGRAPH_API_KEYS: API_KEYS_ENV,
  VENDORGRAPH_JWT_SECRET: JWT_SECRET,
  VENDORGRAPH_JWT_ISSUER: JWT_ISSUER,
  VENDORGRAPH_JWT_AUDIENCE: JWT_AUDIENCE,
};

export interface TokenOptions {
  role?: string | string[];
  sub?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token; null for no `exp`. */
  expiresIn?: number | null;
  secret?: string;
}

/** An HS256 token as an identity provider sharing {@link JWT_SECRET} would mint it. */
export async function hsToken(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: options.role ?? 'reader' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub ?? 'user-42')
    .setIssuer(options.issuer ?? JWT_ISSUER)
    .setAudience(options.audience ?? JWT_AUDIENCE)
    .setIssuedAt(now - 10);
  const exp = options.expiresIn === undefined ? 300 : options.expiresIn;
  if (exp !== null) jwt.setExpirationTime(now + exp);
  return jwt.sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const apiKey = (key: string) => ({ 'x-api-key': key });

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Sends any body with any headers to the gateway. */
export async function raw(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  // An empty content-type removes the header (a browser's simple GET).
  const headers = Object.fromEntries(
    Object.entries({ 'content-type': 'application/json', ...init.headers }).filter(([, v]) => v !== ''),
  );
  const res = await fetch(url, { method: init.method ?? 'POST', headers, body: init.body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts `text` shows none of `secrets`, no URL of a simulator and no stack trace. */
export function expectNothingLeaked(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text, 'a secret leaked').not.toContain(secret);
  expect(text).not.toMatch(/https?:\/\/127\.0\.0\.1/);
  expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
}
