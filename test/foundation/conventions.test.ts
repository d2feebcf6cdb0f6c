import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { vendors } from '../../src/vendors/index.js';
import { checkConventions } from '../support/conventions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const registered = Object.keys(vendors);

describe('vendor layout conventions', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function copyOfProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'vendorgraph-conventions-'));
    copies.push(dir);
    cpSync(join(root, 'schema'), join(dir, 'schema'), { recursive: true });
    cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
    return dir;
  }

  it('holds for every vendor: schema file, vendor folder with role files, simulator folder, registry entry', () => {
    expect(checkConventions(root, registered)).toEqual([]);
  });

  it('registry names match each module name', () => {
    for (const [name, mod] of Object.entries(vendors)) expect(mod.name).toBe(name);
  });

  it('catches a missing simulator folder', () => {
    const dir = copyOfProject();
    const before = checkConventions(dir, registered);
    rmSync(join(dir, 'src/sandbox/flowize'), { recursive: true });
    expect(checkConventions(dir, registered)).toEqual([...before, 'flowize: src/sandbox/flowize/ is missing'].sort());
  });

  it('catches a missing role file and a schema without a registry entry', () => {
    const dir = copyOfProject();
    const before = checkConventions(dir, registered);
    rmSync(join(dir, 'src/vendors/flowize/loaders.ts'));
    expect(checkConventions(dir, registered)).toEqual([...before, 'flowize: src/vendors/flowize/loaders.ts is missing'].sort());
    expect(checkConventions(dir, registered.filter((v) => v !== 'flowize'))).toContain('flowize: not registered in src/vendors/index.ts');
  });
});
