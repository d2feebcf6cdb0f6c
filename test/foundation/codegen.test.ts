import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('generated code', () => {
  it('matches what npm run codegen produces from the schema (run it and commit when this fails)', async () => {
    const outputs = await generate({ ...config, cwd: root, silent: true, verbose: false }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const onDisk = readFileSync(new URL(output.filename, `file://${root}`), 'utf8');
      expect(onDisk, `${output.filename} is stale`).toBe(output.content);
    }
  }, 60_000);
});
