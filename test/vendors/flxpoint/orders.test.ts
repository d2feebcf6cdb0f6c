import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

const DEBUG = { 'x-vendorgraph-debug': '1' };

describe('Flxpoint orders and reseller channel products', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('reads an order with its items, fulfillment requests, shipments and shipped variants', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      `{ flxpoint {
          order(id: "880003") {
            id orderNumber referenceNumber status statusName acknowledgedStatus shippedStatus total importedFrom orderedAt
            shippingAddress { firstName lastName city stateCode postal countryCode }
            items { id sku quantity price productVariantId }
            fulfillmentRequests { id number sourceId status fulfillmentStatus acknowledged items { sku quantity } }
            shipments { id carrier trackingNumber partial items { sku quantity inventoryVariant { id sku sourceId } } }
          }
          missing: order(id: "1") { id } } }`,
      {},
      DEBUG,
    );
    expect(res.errors).toBeUndefined();
    const order = res.data!.flxpoint.order;
    expect(order).toMatchObject({
      orderNumber: 'SO-10402',
      referenceNumber: '#5202',
      status: 'OPEN',
      statusName: 'Open',
      acknowledgedStatus: 'PARTIALLY_COMPLETED',
      shippedStatus: 'PARTIALLY_COMPLETED',
      total: 542.33,
      importedFrom: 'Shopify',
      orderedAt: '2024-03-21T18:00:00.000Z',
      shippingAddress: {
        firstName: 'Priya',
        lastName: 'Nair',
        city: 'Chicago',
        stateCode: 'IL',
        postal: '60611',
        countryCode: 'US',
      },
    });
    expect(order.items.map((i: { sku: string }) => i.sku)).toEqual(['HS-0005-800', 'HS-0010-GREEN', 'MW-0005-200']);
    expect(order.fulfillmentRequests).toEqual([
      {
        id: '990003',
        number: 'SO-10402-HS',
        sourceId: '101',
        status: 'PROCESSED',
        fulfillmentStatus: 'AWAITING_SHIPMENT',
        acknowledged: false,
        items: [
          { sku: 'HS-0005-800', quantity: 3 },
          { sku: 'HS-0010-GREEN', quantity: 1 },
        ],
      },
      {
        id: '990004',
        number: 'SO-10402-MW',
        sourceId: '102',
        status: 'ACKNOWLEDGED',
        fulfillmentStatus: 'PARTIALLY_SHIPPED',
        acknowledged: true,
        items: [{ sku: 'MW-0005-200', quantity: 2 }],
      },
    ]);
    expect(order.shipments[0].items[0]).toEqual({
      sku: 'MW-0005-200',
      quantity: 1,
      inventoryVariant: { id: '700174', sku: 'MW-0005-200', sourceId: '102' },
    });
    expect(res.data!.flxpoint.missing).toBeNull();
    expect(sim.requests.find((r) => r.path === '/fulfillment-requests')!.query).toMatchObject({
      findOrderId: '880003',
    });
    expect(sim.requests.find((r) => r.path === '/shipments')!.query).toMatchObject({ findByOrderId: '880003' });
    // order, missing order, FRs, shipments (Account token) + one ids[] call (source 102's token)
    expect(res.extensions!.upstream.flxpoint.calls).toBe(5);
  });

  it('reads the same order, requests and shipments when Flxpoint answers with variant field names', async () => {
    const query = `{ flxpoint {
      order(id: "880003") {
        items { id sku quantity price productVariantId }
        fulfillmentRequests { id number acknowledged acknowledgedAt items { id sku quantity orderItemId } }
        shipments { id fulfillmentRequestId items { sku quantity fulfillmentRequestItemId } }
      }
      fulfillmentRequests(first: 20) { nodes { id number acknowledged acknowledgedAt items { sku } } }
    } }`;
    const sim = gw.sim('flxpoint');
    const documented = await gw.gql(query);
    expect(documented.errors).toBeUndefined();
    sim.action('variantFieldNames');
    try {
      const variant = await gw.gql(query);
      expect(variant.errors).toBeUndefined();
      expect(variant.data).toEqual(documented.data);
      const order = variant.data!.flxpoint.order;
      expect(order.items.length).toBeGreaterThan(0);
      expect(order.fulfillmentRequests.map((f: { acknowledged: boolean }) => f.acknowledged)).toEqual([false, true]);
      expect(order.shipments[0]).toMatchObject({
        fulfillmentRequestId: expect.any(String),
        items: [expect.objectContaining({ fulfillmentRequestItemId: expect.any(String) })],
      });
    } finally {
      sim.state.fieldNames = 'documented';
    }
  });

  it('lists orders changed since a cursor with page/pageSize', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const query = `query($after: String) { flxpoint { orders(changedSince: { orderUpdatedAt: "2024-04-03T00:00:00Z" }, first: 3, after: $after) {
      nodes { id updatedAt } pageInfo { hasNextPage endCursor } totalCount } } }`;
    const one = await gw.gql(query);
    expect(one.errors).toBeUndefined();
    expect(one.data!.flxpoint.orders.nodes.map((o: { id: string }) => o.id)).toEqual(['880036', '880037', '880038']);
    expect(one.data!.flxpoint.orders.pageInfo.hasNextPage).toBe(true);
    const two = await gw.gql(query, { after: one.data!.flxpoint.orders.pageInfo.endCursor });
    expect(two.data!.flxpoint.orders.nodes.map((o: { id: string }) => o.id)).toEqual(['880039', '880040']);
    expect(two.data!.flxpoint.orders.pageInfo.hasNextPage).toBe(false);
    expect(sim.requests.map((r) => r.query)).toEqual([
      { orderUpdatedAt: '2024-04-03T00:00:00.000Z', page: '1', pageSize: '3' },
      { orderUpdatedAt: '2024-04-03T00:00:00.000Z', page: '2', pageSize: '3' },
    ]);
  });

  it('adds an item to an open order and refuses one on a closed order', async () => {
    const res = await gw.gql(
      'mutation { flxpointAddOrderItem(orderId: "880001", input: { quantity: 2, productVariantId: "700050", price: 19.5 }) { id sku quantity price productVariantId } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpointAddOrderItem).toMatchObject({
      sku: 'HS-0017-MEDIUM',
      quantity: 2,
      price: 19.5,
      productVariantId: '700050',
    });
    const read = await gw.gql('{ flxpoint { order(id: "880001") { items { sku } } } }');
    expect(read.data!.flxpoint.order.items.map((i: { sku: string }) => i.sku)).toEqual([
      'HS-0001-SLATE',
      'HS-0017-MEDIUM',
    ]);
    const closed = await gw.gql(
      'mutation { flxpointAddOrderItem(orderId: "880002", input: { quantity: 1, productVariantId: "700050" }) { id } }',
    );
    expect(closed.errors![0].message).toBe(
      'flxpoint rejected the request: Items cannot be added to an order in status Closed',
    );
  });

  it("maps a reseller channel's snake_case variants, with the Channel token and required filters", async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      '{ flxpoint { resellerProductVariants(channelId: "202", includeOptionValues: true, includeParent: true, first: 2) { nodes { id accountId channelId resellerProductParentId sku price salePrice msrp quantity createdAt optionValues { name value } images { url } parent { sku brand } } pageInfo { hasNextPage } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpoint.resellerProductVariants.nodes[0]).toEqual({
      id: '420001',
      accountId: '4821',
      channelId: '202',
      resellerProductParentId: '410001',
      sku: 'DLR-001-1',
      price: 73.26,
      salePrice: null,
      msrp: 117.22,
      quantity: 309,
      createdAt: '2024-03-01T00:00:00.000Z',
      optionValues: [{ name: 'Color', value: 'Slate' }],
      images: null,
      parent: { sku: 'DLR-001', brand: 'Kestrel' },
    });
    expect(sim.requests[0].headers['x-api-token']).toBe('sandbox-flxpoint-channel-202');
    expect(sim.requests[0].query).toEqual({
      filterUpdatedAfter: '1970-01-01T00:00:00.000Z',
      includeOptionValues: 'true',
      includeParent: 'true',
      filterPageNumber: '1',
      filterPageSize: '2',
    });
  });
});
