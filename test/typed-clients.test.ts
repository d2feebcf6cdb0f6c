import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/server.js';
import { startTestGateway, type TestGateway } from './helpers.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

describe('schema.graphql', () => {
  it('is the schema the gateway serves (run npm run codegen and commit it when this fails)', () => {
    expect(readFileSync(`${root}schema.graphql`, 'utf8')).toBe(`${printSchema(buildSchema())}\n`);
  });
});

describe('typed example client', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('runs every example operation against the sandbox as its own process', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'examples/client/run-examples.ts', gw.url], { cwd: root, timeout: 15_000 });
    expect(stderr).not.toMatch(/failed:/);
    expect(stdout).toContain('vendor flowize: SANDBOX healthy');
    expect(stdout).toMatch(/flowize records: 3 of \d+ \[upstream: flowize \d+ calls?\]/);
    expect(stdout).toMatch(/flowize record [0-9a-f-]{36}: \w+/);
    expect(stdout).toContain('flowize flow customer-onboarding: Validates new customers and opens their accounts');
    expect(stdout).toMatch(/flowize created [0-9a-f-]{36} \(read back: NEW\)/);
    const created = stdout.match(/flowize created ([0-9a-f-]{36})/)![1];
    const readBack = await gw.gql('query ($uuid: ID!) { flowize { record(uuid: $uuid) { flowName data } } }', { uuid: created });
    expect(readBack.data!.flowize.record).toMatchObject({ flowName: 'customer-onboarding', data: { name: 'Example client' } });
  });

  it('exits 1 and names the operation when the gateway answers with errors', async () => {
    gw.sim('flowize').fault({ path: '/v1/flowdiagram', status: 403 });
    const failed = await run(process.execPath, ['--import', 'tsx', 'examples/client/run-examples.ts', gw.url], { cwd: root, timeout: 15_000 }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    gw.sim('flowize').reset();
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/failed: FlowizeFlowDiagram: VENDOR_FORBIDDEN/);
  });
});
