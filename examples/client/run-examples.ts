/**
 * Runs the example operations against a gateway (the sandbox by default) with the typed client:
 *
 *   npm start                                        # in one terminal
 *   npx tsx examples/client/run-examples.ts          # in another (or pass a URL)
 *
 * Every value below is typed from examples/operations/*.graphql: `records.edges[0].node.uuid` is a
 * `string`, `status` a union of the FlowizeRecordStatus names. Exits 1 when an operation fails.
 */
import { createClient, type VendorgraphResult } from './client.js';
import {
  AppmixerFlowsDocument,
  FlexipimProductsDocument,
  FlowizeCreateRecordDocument,
  FlowizeFlowDiagramDocument,
  FlowizeRecentRecordsDocument,
  FlowizeRecordDocument,
  FlowizeRecordsByFlowDocument,
  FlxpointOrderDocument,
  FlxpointOrdersDocument,
  PhixflowCustomerLookupDocument,
  VendorsDocument,
} from './generated/graphql.js';

/** What one example run saw, for the test that runs it. */
export interface ExampleReport {
  lines: string[];
  failures: string[];
}

function upstreamCalls(result: VendorgraphResult<unknown>): string {
  const upstream = result.extensions?.upstream as Record<string, { calls: number }> | undefined;
  if (!upstream) return '';
  return ` [upstream: ${
    Object.entries(upstream)
      .map(([vendor, s]) => `${vendor} ${s.calls} call${s.calls === 1 ? '' : 's'}`)
      .join(', ') || 'none'
  }]`;
}

/** Runs every example operation against `url` and reports what it saw. */
export async function runExamples(url: string): Promise<ExampleReport> {
  const client = createClient({ url, headers: { 'x-vendorgraph-debug': '1' } });
  const lines: string[] = [];
  const failures: string[] = [];
  const check = <T>(name: string, result: VendorgraphResult<T>): T | undefined => {
    for (const error of result.errors ?? [])
      failures.push(`${name}: ${error.extensions?.code ?? 'ERROR'} ${error.message}`);
    return result.data ?? undefined;
  };

  const vendors = await client.execute(VendorsDocument);
  for (const v of check('Vendors', vendors)?.vendors ?? []) {
    lines.push(`vendor ${v.name}: ${v.mode} ${v.healthy ? 'healthy' : `unhealthy (${v.message ?? 'no message'})`}`);
  }

  const recent = await client.execute(FlowizeRecentRecordsDocument, { first: 3 });
  const records = check('FlowizeRecentRecords', recent)?.flowize?.records;
  if (records) {
    lines.push(`flowize records: ${records.edges.length} of ${records.totalCount ?? '?'}${upstreamCalls(recent)}`);
    for (const { node } of records.edges)
      lines.push(
        `  ${node.uuid} ${node.status ?? '-'} ${node.flowName ?? '-'} (${node.flow?.description ?? 'no flow'})`,
      );

    const next = await client.execute(FlowizeRecentRecordsDocument, { first: 3, after: records.pageInfo.endCursor });
    const page2 = check('FlowizeRecentRecords (page 2)', next)?.flowize?.records;
    if (page2) lines.push(`flowize records page 2: ${page2.edges.map((e) => e.node.uuid).join(', ')}`);

    const first = records.edges[0]?.node;
    if (first) {
      const one = await client.execute(FlowizeRecordDocument, { uuid: first.uuid });
      const record = check('FlowizeRecord', one)?.flowize?.record;
      lines.push(
        `flowize record ${first.uuid}: ${record ? `${record.statusName ?? record.status} in ${record.flowName}` : 'not found'}`,
      );
    }
  }

  const byFlow = await client.execute(FlowizeRecordsByFlowDocument);
  const finished = check('FlowizeRecordsByFlow', byFlow)?.flowize?.records;
  if (finished)
    lines.push(`flowize finished invoice-reminders records: ${finished.totalCount ?? finished.nodes.length}`);

  const diagram = await client.execute(FlowizeFlowDiagramDocument, { flowName: 'customer-onboarding' });
  const flow = check('FlowizeFlowDiagram', diagram)?.flowize?.flowDiagram;
  lines.push(`flowize flow ${flow?.flowName ?? 'customer-onboarding'}: ${flow?.description ?? 'not found'}`);

  const created = await client.execute(FlowizeCreateRecordDocument, {
    flowName: 'customer-onboarding',
    record: { name: 'Example client', city: 'Utrecht' },
  });
  const payload = check('FlowizeCreateRecord', created)?.flowizeCreateRecords;
  if (payload)
    lines.push(
      `flowize created ${payload.uuids.join(', ')} (read back: ${payload.records.map((r) => r.status ?? '-').join(', ')})`,
    );

  const products = await client.execute(FlexipimProductsDocument, { channel: '1', language: 'de', first: 2 });
  for (const p of check('FlexipimProducts', products)?.flexipim?.products?.nodes ?? []) {
    const color = p.attributes.find((a) => a.code === 'color');
    lines.push(
      `flexipim product ${p.sku ?? p.id}: ${p.name ?? '-'} (${color?.attribute?.name ?? 'color'}: ${String(color?.value ?? '-')})`,
    );
  }

  const flows = await client.execute(AppmixerFlowsDocument, { stage: 'RUNNING', first: 3 });
  const running = check('AppmixerFlows', flows)?.appmixer?.flows;
  if (running)
    lines.push(
      `appmixer running flows: ${running.totalCount ?? running.nodes.length} (${running.nodes.map((f) => f.name).join(', ')})`,
    );

  const lookup = await client.execute(PhixflowCustomerLookupDocument, { customerId: 'C-1001' });
  const customer = check('PhixflowCustomerLookup', lookup)?.phixflowInvoke;
  if (customer) lines.push(`phixflow customer-lookup: ${customer.status} ${JSON.stringify(customer.data)}`);

  const orders = await client.execute(FlxpointOrdersDocument, { first: 2 });
  const newest = check('FlxpointOrders', orders)?.flxpoint?.orders?.nodes ?? [];
  for (const o of newest)
    lines.push(
      `flxpoint order ${o.orderNumber ?? o.id}: ${o.status ?? '-'} ${o.items.length} item(s), total ${o.total ?? '-'}`,
    );
  if (newest[0]) {
    const order = await client.execute(FlxpointOrderDocument, { id: newest[0].id });
    const detail = check('FlxpointOrder', order)?.flxpoint?.order;
    if (detail)
      lines.push(
        `flxpoint order ${detail.orderNumber}: ${detail.fulfillmentRequests.length} fulfillment request(s), ${detail.shipments.length} shipment(s)${upstreamCalls(order)}`,
      );
  }

  return { lines, failures };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const url = process.argv[2] ?? 'http://localhost:4000/graphql';
  runExamples(url).then(
    ({ lines, failures }) => {
      for (const line of lines) process.stdout.write(`${line}\n`);
      for (const failure of failures) process.stderr.write(`failed: ${failure}\n`);
      process.exit(failures.length > 0 ? 1 : 0);
    },
    (error: unknown) => {
      process.stderr.write(`cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
