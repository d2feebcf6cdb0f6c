/**
 * The loader kit's concurrency bound (src/kit/loaders.ts): a batch never has more vendor calls in
 * flight than its vendor allows, whether its keys go one call each (`perKey`) or in grouped calls
 * (`groupedBatch`), and a batch within the bound runs all its calls at once.
 */
import { describe, expect, it } from 'vitest';
import { LoaderKit } from '../../src/kit/loaders.js';

/** A fake vendor call that records how many calls were in flight at most. */
function tracked<K, V>(answer: (key: K) => V) {
  const seen = { inFlight: 0, most: 0, calls: 0 };
  const call = async (key: K): Promise<V> => {
    seen.calls += 1;
    seen.inFlight += 1;
    seen.most = Math.max(seen.most, seen.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    seen.inFlight -= 1;
    return answer(key);
  };
  return { seen, call };
}

describe('the loader kit', () => {
  it('keeps a per-key batch within its concurrency', async () => {
    const { seen, call } = tracked((key: number) => key * 10);
    const loader = new LoaderKit().perKey(call, { concurrency: 2 });
    await expect(loader.loadMany([1, 2, 3, 4, 5])).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(seen.calls).toBe(5);
    expect(seen.most).toBe(2);
  });

  it('runs a per-key batch within the bound all at once, and keeps failures in their slots', async () => {
    const { seen, call } = tracked((key: number) => {
      if (key === 2) throw new Error('vendor refused 2');
      return key;
    });
    const loader = new LoaderKit().perKey(call, { concurrency: 4 });
    const answers = await loader.loadMany([1, 2, 3]);
    expect(answers[0]).toBe(1);
    expect(answers[1]).toBeInstanceOf(Error);
    expect(answers[2]).toBe(3);
    expect(seen.most).toBe(3);
  });

  it('keeps grouped batch calls within their concurrency', async () => {
    const inFlight = { now: 0, most: 0 };
    const loader = new LoaderKit().groupedBatch<string, { id: string }, string>({
      groupOf: (key) => key.split(':')[0]!,
      keyOf: (value) => value.id,
      maxBatchSize: 2,
      concurrency: 2,
      async fetch(_group, keys) {
        inFlight.now += 1;
        inFlight.most = Math.max(inFlight.most, inFlight.now);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight.now -= 1;
        return keys.map((id) => ({ id }));
      },
    });
    const keys = ['a:1', 'a:2', 'a:3', 'b:1', 'b:2', 'c:1'];
    const answers = await loader.loadMany(keys);
    expect(answers).toEqual(keys.map((id) => ({ id })));
    // a: two calls, b: one, c: one; never more than two at once.
    expect(inFlight.most).toBe(2);
  });
});
