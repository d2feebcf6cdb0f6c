import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { loadConfig } from '../../src/app.js';
import { RESILIENCE_SETTINGS } from '../../src/http/settings.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('resilience settings', () => {
  it('gives every vendor the documented defaults', () => {
    const config = loadConfig({});
    for (const { field, fallback } of Object.values(RESILIENCE_SETTINGS)) {
      expect(config.http[field]).toBe(fallback);
      expect(config.vendorHttp.flowize[field]).toBe(fallback);
    }
    expect(config.operation).toEqual({ timeoutMs: 60_000, upstreamBudget: 200 });
  });

  it('lets one vendor override a gateway-wide value', () => {
    const config = loadConfig({
      VENDORGRAPH_REQUEST_TIMEOUT_MS: '20000',
      PHIXFLOW_REQUEST_TIMEOUT_MS: '120000',
      FLOWIZE_CACHE_ENABLED: 'false',
    });
    expect(config.vendorHttp.phixflow.requestTimeoutMs).toBe(120_000);
    expect(config.vendorHttp.flowize.requestTimeoutMs).toBe(20_000);
    expect(config.vendorHttp.flowize.cacheEnabled).toBe(false);
    expect(config.vendorHttp.appmixer.cacheEnabled).toBe(true);
  });

  it('names the variable of a bad value, gateway-wide or per vendor', () => {
    expect(
      problems({
        VENDORGRAPH_RETRY_LIMIT: 'many',
        FLXPOINT_BREAKER_ERROR_PERCENT: '150',
        VENDORGRAPH_UPSTREAM_BUDGET: '0',
      }).sort(),
    ).toEqual([
      'FLXPOINT_BREAKER_ERROR_PERCENT: expected a percentage of at most 100',
      'VENDORGRAPH_RETRY_LIMIT: expected an integer',
      'VENDORGRAPH_UPSTREAM_BUDGET: expected an integer of at least 1',
    ]);
  });
});
