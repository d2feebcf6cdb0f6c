import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Kind, parse, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../src/app.js';
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
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'examples/client/run-examples.ts', gw.url],
      { cwd: root, timeout: 15_000 },
    );
    expect(stderr).not.toMatch(/failed:/);
    expect(stdout).toContain('vendor flowize: SANDBOX healthy');
    expect(stdout).toMatch(/flowize records: 3 of \d+ \[upstream: flowize \d+ calls?\]/);
    expect(stdout).toMatch(/flowize record [0-9a-f-]{36}: \w+/);
    expect(stdout).toContain('flowize flow customer-onboarding: Validates new customers and opens their accounts');
    expect(stdout).toMatch(/flowize created [0-9a-f-]{36} \(read back: NEW\)/);
    expect(stdout).toMatch(/flexipim product FP-[A-Z0-9-]+: /);
    expect(stdout).toMatch(/appmixer running flows: \d+/);
    expect(stdout).toContain('phixflow customer-lookup: SUCCESS');
    expect(stdout).toMatch(
      /flxpoint order [\w-]+: \d+ fulfillment request\(s\), \d+ shipment\(s\) \[upstream: flxpoint 3 calls\]/,
    );
    const created = stdout.match(/flowize created ([0-9a-f-]{36})/)![1];
    const readBack = await gw.gql('query ($uuid: ID!) { flowize { record(uuid: $uuid) { flowName data } } }', {
      uuid: created,
    });
    expect(readBack.data!.flowize.record).toMatchObject({
      flowName: 'customer-onboarding',
      data: { name: 'Example client' },
    });
  });

  it('runs every example operation that needs no input (the GraphiQL tabs) without errors', async () => {
    const ran: string[] = [];
    for (const file of readdirSync(`${root}examples/operations`).filter((f) => f.endsWith('.graphql'))) {
      const source = readFileSync(`${root}examples/operations/${file}`, 'utf8');
      for (const op of parse(source).definitions) {
        if (op.kind !== Kind.OPERATION_DEFINITION || !op.name) continue;
        if (op.variableDefinitions?.some((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue)) continue;
        const res = await fetch(gw.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: source, operationName: op.name.value }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        expect(body.errors, `${file} ${op.name.value}`).toBeUndefined();
        ran.push(op.name.value);
      }
    }
    expect(ran).toEqual(expect.arrayContaining(['Vendors', 'FlowizeRecentRecords']));
  });

  it('exits 1 and names the operation when the gateway answers with errors', async () => {
    gw.sim('flowize').fault({ path: '/v1/flowdiagram', status: 403 });
    const failed = await run(process.execPath, ['--import', 'tsx', 'examples/client/run-examples.ts', gw.url], {
      cwd: root,
      timeout: 15_000,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    gw.sim('flowize').reset();
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/failed: FlowizeFlowDiagram: VENDOR_FORBIDDEN/);
  });
});
