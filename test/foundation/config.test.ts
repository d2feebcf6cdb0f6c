import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadConfig } from '../../src/app.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('names the variable and what was expected', () => {
    expect(problems({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: expected a port number/)]);
    expect(problems({ VENDORGRAPH_MODE: 'staging' })).toEqual(['VENDORGRAPH_MODE: expected sandbox or live']);
    expect(problems({ FLOWIZE_AUTH_MODE: 'basic' })).toEqual(['FLOWIZE_AUTH_MODE: expected oauth2, apikey or url']);
  });

  it('reports every bad variable at once', () => {
    const list = problems({ PORT: '70000', LOG_LEVEL: 'loud', FLOWIZE_TIMEZONE: 'Mars/Olympus' });
    expect(list.map((p) => p.split(':')[0]).sort()).toEqual(['FLOWIZE_TIMEZONE', 'LOG_LEVEL', 'PORT']);
  });

  it('never echoes the value of a bad variable', () => {
    const secretish = 'hunter2-very-secret-value';
    const list = problems({ FLOWIZE_BASE_URL: secretish, VENDORGRAPH_MODE: secretish });
    expect(list.join('\n')).not.toContain(secretish);
    expect(list.join('\n')).toContain('FLOWIZE_BASE_URL');
  });

  it('defaults to sandbox mode, and to live mode in production', () => {
    expect(loadConfig({}).mode).toBe('sandbox');
    expect(loadConfig({ NODE_ENV: 'production' }).mode).toBe('live');
    expect(loadConfig({ NODE_ENV: 'production', VENDORGRAPH_MODE: 'sandbox' }).mode).toBe('sandbox');
  });

  it('uses port 4000 unless PORT is set', () => {
    expect(loadConfig({}).port).toBe(4000);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });

  it('allows debug accounting in sandbox mode only unless enabled', () => {
    expect(loadConfig({}).debugAllowed).toBe(true);
    expect(loadConfig({ VENDORGRAPH_MODE: 'live' }).debugAllowed).toBe(false);
    expect(loadConfig({ VENDORGRAPH_MODE: 'live', VENDORGRAPH_DEBUG: 'true' }).debugAllowed).toBe(true);
  });
});
