import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The recipe's files: fenced blocks whose info string names a file (```ts file=codegen.ts). */
function recipeFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm)) files.set(m[1], m[2]);
  return files;
}

/** Runs an npm script of the temporary project, offline, with the repository's packages. */
async function npmRun(cwd: string, script: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script], {
      cwd,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_offline: 'true', CI: 'true' },
      timeout: 120_000,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` };
  }
}

describe('the typed-client recipe in docs/frontend.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vendorgraph-recipe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = recipeFiles(readFileSync(join(root, 'docs/frontend.md'), 'utf8'));

  it('names every file a new project needs', () => {
    expect([...files.keys()].sort()).toEqual([
      'codegen.ts',
      'package.json',
      'src/main.ts',
      'src/operations.graphql',
      'src/vendorgraph.ts',
      'tsconfig.json',
    ]);
    const pkg = JSON.parse(files.get('package.json')!) as { type: string; devDependencies: Record<string, string> };
    expect(pkg.type).toBe('module');
    // Pinned to the versions this repository runs, so the test checks what the recipe installs.
    for (const [name, version] of Object.entries(pkg.devDependencies)) {
      const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(`${name}@${installed.version}`).toBe(`${name}@${version}`);
    }
  });

  it('generates typed documents from schema.graphql and type-checks as written', async () => {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    copyFileSync(join(root, 'schema.graphql'), join(dir, 'schema.graphql'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');

    const codegen = await npmRun(dir, 'codegen');
    expect(codegen.ok, codegen.output).toBe(true);
    expect(existsSync(join(dir, 'src/gql/graphql.ts'))).toBe(true);
    const typecheck = await npmRun(dir, 'typecheck');
    expect(typecheck.ok, typecheck.output).toBe(true);

    // The types are real: a wrong variable type is refused.
    writeFileSync(
      join(dir, 'src/wrong.ts'),
      "import { RecentRecordsDocument } from './gql/graphql.js';\nimport { execute } from './vendorgraph.js';\nawait execute('http://localhost:4000/graphql', RecentRecordsDocument, { first: 'five' });\n",
    );
    const wrong = await npmRun(dir, 'typecheck');
    expect(wrong.ok).toBe(false);
    expect(wrong.output).toMatch(/src\/wrong\.ts.*TS2322/);
  }, 180_000);
});
