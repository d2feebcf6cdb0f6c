/**
 * The depth check every vendor JSON body and every `JSON` scalar value goes through
 * (src/security/depth.ts): exact at the limit, and safe on values far deeper than the stack allows
 * a recursive walk to go.
 */
import { describe, expect, it } from 'vitest';
import { nestedDeeperThan } from '../../src/security/depth.js';

const deepArray = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;
const deepObject = (levels: number) => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`) as unknown;

describe('nestedDeeperThan', () => {
  it('counts every array and object level, and nothing for scalars', () => {
    expect(nestedDeeperThan([[1]], 1)).toBe(true);
    expect(nestedDeeperThan([[1]], 2)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: 'x' }] }, 2)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 'x' }] }, 3)).toBe(false);
    // The object and the empty array in it: two levels.
    expect(nestedDeeperThan({ a: 1, b: 'two', c: null, d: [] }, 1)).toBe(true);
    expect(nestedDeeperThan({ a: 1, b: 'two', c: null, d: [] }, 2)).toBe(false);
    for (const scalar of [null, undefined, 0, 'text', true]) expect(nestedDeeperThan(scalar, 1)).toBe(false);
  });

  it('finds the one deep branch among shallow ones', () => {
    const value = { rows: Array.from({ length: 100 }, (_, i) => ({ id: i, tags: ['a'] })), deep: deepArray(10) };
    // The outer object plus ten arrays; the rows reach only four levels.
    expect(nestedDeeperThan(value, 10)).toBe(true);
    expect(nestedDeeperThan(value, 11)).toBe(false);
  });

  it.each([
    ['the recursive walk', 128],
    ['the explicit stack', 5000],
  ])('answers for values 20,000 levels deep without overflowing the stack (%s)', (_how, max) => {
    for (const value of [deepArray(20_000), deepObject(20_000)]) {
      expect(nestedDeeperThan(value, max)).toBe(true);
      expect(nestedDeeperThan(value, 20_000)).toBe(false);
    }
  });
});
