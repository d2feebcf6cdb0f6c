import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envDoc, fallback, httpUrl, requireVars, timeZone, wholeNumber } from '../../src/env-schema.js';
import { appmixerSettings } from '../../src/vendors/appmixer/config.js';
import { flxpointSettings } from '../../src/vendors/flxpoint/config.js';
import { flowizeSettings } from '../../src/vendors/flowize/config.js';

const messages = (schema: z.ZodTypeAny, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('env-schema helpers', () => {
  it('httpUrl accepts http(s) URLs only, with the words every vendor used', () => {
    expect(messages(httpUrl(), 'https://api.example.test/v1')).toEqual([]);
    expect(messages(httpUrl(), 'not a url')).toContain('expected an absolute http(s) URL');
    expect(messages(httpUrl(), 'ftp://files.example.test')).toEqual(['expected an http(s) URL']);
  });

  it('timeZone accepts IANA names and refuses anything else', () => {
    expect(messages(timeZone(), 'Europe/Amsterdam')).toEqual([]);
    expect(messages(timeZone(), 'Mars/Olympus')).toEqual([
      'expected an IANA time zone such as UTC or Europe/Amsterdam',
    ]);
  });

  it('wholeNumber refuses fractions and words with one message', () => {
    expect(wholeNumber('expected a whole number', { min: 1, max: 10 }).parse('7')).toBe(7);
    expect(messages(wholeNumber(), '2.5')).toEqual(['expected a whole number']);
    expect(messages(wholeNumber(), 'many')).toEqual(['expected a whole number']);
  });

  it('fallback keeps the description and records the default shown in the docs', () => {
    const schema = fallback(wholeNumber().describe('Pages.'), 100);
    expect(schema.description).toBe('Pages.');
    expect(envDoc(schema)).toMatchObject({ default: '100' });
    expect(envDoc(httpUrl().optional().describe('Root.'))).toMatchObject({ type: 'absolute http(s) URL' });
  });

  it('requireVars names what is missing in order, treating a group as one', () => {
    const env = { A: 'a', B: undefined as string | undefined, C: '', D: undefined as string | undefined, E: 'e' };
    expect(requireVars(env, ['A', 'B', 'C'])).toEqual({ missing: ['B', 'C'] });
    expect(requireVars(env, ['B', { anyOf: ['D', 'E'], as: 'D (or E)' }])).toEqual({ missing: ['B'] });
    expect(requireVars(env, [{ anyOf: ['B', 'D'], as: 'B (or D)' }])).toEqual({ missing: ['B (or D)'] });
    const ok = requireVars(env, ['A', 'E']);
    expect('values' in ok && ok.values.A.toUpperCase()).toBe('A');
  });

  it('vendor settings report the same missing variables as before', () => {
    expect(appmixerSettings({})).toEqual({ missing: ['APPMIXER_BASE_URL', 'APPMIXER_USERNAME', 'APPMIXER_PASSWORD'] });
    expect(
      appmixerSettings({ APPMIXER_BASE_URL: 'https://a.test', APPMIXER_EMAIL: 'a@b.test', APPMIXER_PASSWORD: 'p' }),
    ).toMatchObject({
      settings: { login: { email: 'a@b.test' } },
    });
    expect(flxpointSettings({ FLXPOINT_BASE_URL: 'https://f.test' }, 'UTC')).toEqual({
      missing: ['FLXPOINT_ACCOUNT_TOKEN (or FLXPOINT_SOURCE_TOKENS / FLXPOINT_CHANNEL_TOKENS)'],
    });
    expect(flowizeSettings({ FLOWIZE_AUTH_MODE: 'apikey', FLOWIZE_API_KEY: 'k' }, 'UTC')).toEqual({
      missing: ['FLOWIZE_BASE_URL', 'FLOWIZE_APP_KEY'],
    });
    expect(flowizeSettings({}, 'UTC')).toEqual({
      missing: ['FLOWIZE_BASE_URL', 'FLOWIZE_CLIENT_ID', 'FLOWIZE_CLIENT_SECRET'],
    });
  });
});
