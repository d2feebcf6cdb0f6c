import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppmixerState } from '../../../src/sandbox/appmixer/index.js';
import { TokenManager, refreshSkew } from '../../../src/http/token.js';
import { MemoryStore } from '../../../src/http/store.js';
import { startTestGateway, type TestGateway } from '../../helpers.js';
import { resetAppmixer } from './reset.js';

describe('token refresh skew', () => {
  it('is the configured skew, at most a tenth of the token lifetime', () => {
    expect(refreshSkew({ accessToken: 'a', obtainedAt: 0, expiresAt: 60_000 }, 3_600_000)).toBe(6_000);
    expect(refreshSkew({ accessToken: 'a', obtainedAt: 0, expiresAt: 30 * 86_400_000 }, 3_600_000)).toBe(3_600_000);
    expect(refreshSkew({ accessToken: 'a', expiresAt: 60_000 }, 3_600_000)).toBe(3_600_000);
  });

  it('keeps a short-lived token for 90% of its life whatever the skew (injected clock)', async () => {
    let now = 1_000_000;
    let logins = 0;
    const tokens = new TokenManager({
      store: new MemoryStore(),
      key: 't',
      refreshSkewMs: 3_600_000,
      now: () => now,
      login: async () => ({ accessToken: `t${++logins}`, expiresAt: now + 60_000 }),
    });
    for (let t = 0; t < 180_000; t += 1_000) {
      now = 1_000_000 + t;
      await tokens.get();
    }
    // Renewed 54 s into each 60 s life: at 0, 54, 108 and 162 s.
    expect(logins).toBe(4);
  });
});

describe('Appmixer with 60 s tokens', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    // The default skew (APPMIXER_TOKEN_REFRESH_SKEW_S = 3600) is far longer than the token.
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in once per minute, not once per operation', async () => {
    await resetAppmixer(gw);
    const state = gw.sim('appmixer').state as AppmixerState;
    state.tokenTtlSeconds = 60;
    // Only Date is faked: gateway and simulator share the injected clock, sockets and timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.parse('2024-02-29T12:00:00Z');
    let operations = 0;
    for (let t = 0; t < 180_000; t += 5_000) {
      vi.setSystemTime(start + t);
      const res = await gw.gql('{ appmixer { flows(first: 1) { totalCount } } }');
      expect(res.errors).toBeUndefined();
      operations += 1;
    }
    expect(operations).toBe(36);
    // A sign-in at 0, 55, 110 and 165 s: each 60 s token is kept 54 s (min(3600 s, 10% of 60 s) early).
    expect(state.counters.logins).toBe(4);
    expect(gw.sim('appmixer').count({ method: 'POST', path: '/user/auth' })).toBe(4);
  });
});
