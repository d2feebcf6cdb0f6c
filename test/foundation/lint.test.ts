import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The rule ids ESLint reports for `code` as if it were the file at `filePath`. */
async function ruleIdsFor(code: string, filePath: string): Promise<(string | null)[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result.messages.map((m) => m.ruleId);
}

describe('the layer rule (eslint.config.js)', () => {
  it('fails a core file that imports a vendor', async () => {
    expect(await ruleIdsFor("export { vendors } from '../vendors/index.js';\n", 'src/http/layer-probe.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('fails a core file that imports a simulator', async () => {
    expect(await ruleIdsFor("export { simulators } from './sandbox/index.js';\n", 'src/layer-probe.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('fails a vendor that imports its simulator', async () => {
    expect(
      await ruleIdsFor(
        "export { flowizeSimulator } from '../../sandbox/flowize/index.js';\n",
        'src/vendors/flowize/layer-probe.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('lets the composition root list vendors and simulators', async () => {
    const code = "export { vendors } from './vendors/index.js';\nexport { simulators } from './sandbox/index.js';\n";
    expect(await ruleIdsFor(code, 'src/app.ts')).not.toContain('no-restricted-imports');
  });

  it('fails an import cycle', async () => {
    // src/app.ts imports src/server.ts: a server that imported the root back would close a cycle.
    expect(await ruleIdsFor("export { loadConfig } from './app.js';\n", 'src/server.ts')).toContain(
      'import-x/no-cycle',
    );
  }, 30_000);
});
