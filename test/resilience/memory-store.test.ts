/**
 * The in-memory store's byte bound: what it counts, what it pushes out first, and that a value
 * larger than the whole bound is refused without disturbing the rest.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app.js';
import { MemoryStore, STORE_MAX_BYTES, estimatedBytes } from '../../src/http/store.js';

const body = (kb: number) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  text: 'x'.repeat(kb * 1024),
});

describe('MemoryStore byte bound', () => {
  it('counts a cached body by its text, and a long log by its length, not by walking it', () => {
    expect(estimatedBytes('k', body(100))).toBeGreaterThan(100 * 1024);
    expect(estimatedBytes('k', body(100))).toBeLessThan(101 * 1024);
    const log = Array.from({ length: 5_000 }, (_, i) => ({ ticket: `t-${i}`, at: i }));
    expect(estimatedBytes('slots', log)).toBeGreaterThan(5_000 * 10);
    expect(estimatedBytes('n', 3)).toBeLessThan(100);
  });

  it('pushes out the least recently used values when the bytes run out, and keeps a value read since', async () => {
    const store = new MemoryStore({ maxBytes: 1_048_576 });
    for (let i = 0; i < 4; i++) await store.set(`doc:${i}`, body(200));
    // doc:0 read again: the next writes push out doc:1 and doc:2 before it.
    expect(await store.get('doc:0')).toBeDefined();
    for (let i = 4; i < 7; i++) await store.set(`doc:${i}`, body(200));
    expect(store.bytes).toBeLessThanOrEqual(1_048_576);
    expect(await store.get('doc:0')).toBeDefined();
    expect(await store.get('doc:6')).toBeDefined();
    expect(await store.get('doc:1')).toBeUndefined();
  });

  it('does not keep a value larger than the bound, and keeps the others', async () => {
    const store = new MemoryStore({ maxBytes: 1_048_576 });
    await store.set('small', body(10));
    await store.set('huge', body(2_048));
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('small')).toBeDefined();
    expect(await store.increment('count')).toBe(1);
    expect(await store.increment('count')).toBe(2);
  });

  it('takes its bound from VENDORGRAPH_STORE_MAX_BYTES (64 MiB by default) and refuses less than 1 MiB', () => {
    expect(loadConfig({}).storeMaxBytes).toBe(STORE_MAX_BYTES);
    expect(loadConfig({ VENDORGRAPH_STORE_MAX_BYTES: '8388608' }).storeMaxBytes).toBe(8_388_608);
    expect(() => loadConfig({ VENDORGRAPH_STORE_MAX_BYTES: '1000' })).toThrow(/VENDORGRAPH_STORE_MAX_BYTES/);
  });
});
