import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configSections, configurationDocs } from '../../scripts/print-config-docs.js';
import { vendors } from '../../src/vendors/index.js';

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
      expect.arrayContaining([
        'Core',
        'HTTP and resilience',
        'Operation and store',
        'Security',
        'Observability',
        'Vendor: flowize',
        'Vendor: phixflow',
      ]),
    );
    const secrets = sections.flatMap((s) => s.variables.filter((v) => v.secret).map((v) => v.name));
    expect(secrets).toEqual(
      expect.arrayContaining([
        'FLOWIZE_CLIENT_SECRET',
        'FLEXIPIM_TOKEN',
        'APPMIXER_PASSWORD',
        'VENDORGRAPH_REDIS_URL',
        'VENDORGRAPH_JWT_SECRET',
      ]),
    );
  });
});

/** Files git knows (committed or staged), so the checks see what a clone would. */
const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && existsSync(join(root, f)));
const markdown = tracked.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^#+ (.+)$/gm)) {
    out.add(
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  }
  return out;
}

describe('the documentation', () => {
  it('keeps the README at 10 KB or less', () => {
    expect(statSync(join(root, 'README.md')).size).toBeLessThanOrEqual(10 * 1024);
  });

  it('has a topic page for each subject and a reference page for every registered vendor', () => {
    for (const page of [
      'contract',
      'configuration',
      'operations',
      'resilience',
      'security',
      'sandbox',
      'frontend',
      'benchmarks',
      'architecture',
      'adding-a-vendor',
    ]) {
      expect(markdown, page).toContain(`docs/${page}.md`);
    }
    for (const { name } of vendors) {
      const page = read(`docs/vendors/${name}.md`);
      expect(page, name).toMatch(/^## Sources$/m);
      expect(page, name).toMatch(/^## Endpoints the gateway uses$/m);
    }
  });

  it('links only to files and headings that exist in the repository', () => {
    const broken: string[] = [];
    for (const file of markdown) {
      const text = read(file).replace(/^```[\s\S]*?^```$/gm, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue;
        const [path, anchor] = target.split('#');
        const resolved = path ? normalize(join(dirname(file), path)) : file;
        if (resolved.startsWith('..') || !existsSync(join(root, resolved))) broken.push(`${file}: ${target}`);
        else if (anchor && resolved.endsWith('.md') && !anchors(read(resolved)).has(anchor))
          broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('points nowhere outside the repository (no vendor-docs/*.txt, vendors.md or ../shared)', () => {
    const outside = /vendor-docs\/|\bvendors\.md\b|\.\.\/shared\b/;
    const self = 'test/foundation/docs.test.ts';
    const offenders = tracked
      .filter((f) => f !== self && !/\.(png|jpe?g|gif|ico|woff2?)$/.test(f))
      .filter((f) => outside.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
