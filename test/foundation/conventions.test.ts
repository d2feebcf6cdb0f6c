import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { simulators } from '../../src/sandbox/index.js';
import { vendors } from '../../src/vendors/index.js';
import { checkConventions } from '../support/conventions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const registered = { vendors: vendors.map((v) => v.name), simulators: Object.keys(simulators) };

describe('vendor layout conventions', () => {
  const copies: string[] = [];
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function copyOfProject(): string {
    const dir = mkdtempSync(join(tmpdir(), 'vendorgraph-conventions-'));
    copies.push(dir);
    cpSync(join(root, 'schema'), join(dir, 'schema'), { recursive: true });
    cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
    cpSync(join(root, 'codegen.ts'), join(dir, 'codegen.ts'));
    return dir;
  }

  it('holds for every vendor: schema file, vendor folder with role files, simulator folder, registry entry', () => {
    expect(checkConventions(root, registered)).toEqual([]);
  });

  it('registry names are unique and each has a simulator', () => {
    expect(new Set(registered.vendors).size).toBe(registered.vendors.length);
    expect([...registered.simulators].sort()).toEqual([...registered.vendors].sort());
  });

  it('accepts a role split into a folder', () => {
    const dir = copyOfProject();
    const before = checkConventions(dir, registered);
    mkdirSync(join(dir, 'src/vendors/flowize/client'), { recursive: true });
    renameSync(join(dir, 'src/vendors/flowize/client.ts'), join(dir, 'src/vendors/flowize/client/records.ts'));
    expect(checkConventions(dir, registered)).toEqual(before);
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
    expect(checkConventions(dir, registered)).toEqual(
      [...before, 'flowize: src/vendors/flowize/loaders.ts is missing'].sort(),
    );
    expect(
      checkConventions(dir, { ...registered, vendors: registered.vendors.filter((v) => v !== 'flowize') }),
    ).toContain('flowize: not registered in src/vendors/index.ts');
    expect(
      checkConventions(dir, { ...registered, simulators: registered.simulators.filter((v) => v !== 'flowize') }),
    ).toContain('flowize: not registered in src/sandbox/index.ts');
  });
});
