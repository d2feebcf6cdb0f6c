import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSections, configurationDocs } from '../../scripts/print-config-docs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

describe('docs/configuration.md', () => {
  it('matches what npm run docs:config generates from the zod schemas (run it and commit when this fails)', () => {
    expect(read('docs/configuration.md')).toBe(configurationDocs());
  });

  it('describes every variable and names its type', () => {
    const variables = configSections().flatMap((s) => s.variables);
    expect(variables.length).toBeGreaterThan(90);
    expect(variables.filter((v) => v.description.trim().length < 10).map((v) => v.name)).toEqual([]);
    expect(variables.filter((v) => !v.type).map((v) => v.name)).toEqual([]);
  });

  it('lists each variable once, with every vendor section and the vendor secrets marked', () => {
    const sections = configSections();
    const names = sections.flatMap((s) => s.variables.map((v) => v.name));
    expect(new Set(names).size).toBe(names.length);
    expect(sections.map((s) => s.title)).toEqual(
      expect.arrayContaining(['Core', 'HTTP and resilience', 'Operation and store', 'Security', 'Observability', 'Vendor: flowize', 'Vendor: phixflow']),
    );
    const secrets = sections.flatMap((s) => s.variables.filter((v) => v.secret).map((v) => v.name));
    expect(secrets).toEqual(expect.arrayContaining(['FLOWIZE_CLIENT_SECRET', 'FLEXIPIM_TOKEN', 'APPMIXER_PASSWORD', 'VENDORGRAPH_REDIS_URL', 'VENDORGRAPH_JWT_SECRET']));
  });
});
