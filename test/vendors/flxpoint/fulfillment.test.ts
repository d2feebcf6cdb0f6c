import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers.js';

describe('Flxpoint fulfillment requests and shipments', () => {
  let gw: TestGateway;
  let postAck: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
    postAck = await startTestGateway({
      FLXPOINT_BASE_URL: gw.sim('flxpoint').url,
      FLXPOINT_SOURCE_TOKENS: '102=sandbox-flxpoint-source-102',
      FLXPOINT_ACKNOWLEDGE_METHOD: 'POST',
    });
  });
  afterAll(async () => {
    await Promise.all([gw.close(), postAck.close()]);
  });

  it('filters fulfillment requests and pages them with filterPageNumber/filterPageSize', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const query = `query($after: String) { flxpoint { fulfillmentRequests(filter: { sourceId: "101", statuses: [UNPROCESSED, PROCESSED], acknowledged: false }, first: 2, after: $after) {
      nodes { id status sourceId } pageInfo { hasNextPage endCursor } } } }`;
    const one = await gw.gql(query);
    expect(one.errors).toBeUndefined();
    expect(one.data!.flxpoint.fulfillmentRequests.nodes).toEqual([
      { id: '990001', status: 'UNPROCESSED', sourceId: '101' },
      { id: '990003', status: 'PROCESSED', sourceId: '101' },
    ]);
    expect(one.data!.flxpoint.fulfillmentRequests.pageInfo.hasNextPage).toBe(true);
    const two = await gw.gql(query, { after: one.data!.flxpoint.fulfillmentRequests.pageInfo.endCursor });
    expect(
      two.data!.flxpoint.fulfillmentRequests.nodes.every((n: { status: string }) =>
        ['UNPROCESSED', 'PROCESSED'].includes(n.status),
      ),
    ).toBe(true);
    expect(sim.requests[0].headers['x-api-token']).toBe('sandbox-flxpoint-source-101');
    expect(sim.requests.map((r) => r.query)).toEqual([
      {
        filterSourceId: '101',
        filterStatus: 'Unprocessed,Processed',
        filterIsAcknowledged: 'false',
        filterPageNumber: '1',
        filterPageSize: '2',
      },
      {
        filterSourceId: '101',
        filterStatus: 'Unprocessed,Processed',
        filterIsAcknowledged: 'false',
        filterPageNumber: '2',
        filterPageSize: '2',
      },
    ]);
  });

  it('acknowledges a fulfillment request with PATCH by default, and the order rolls up', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      'mutation { flxpointAcknowledgeFulfillmentRequest(id: "990001", sourceId: "101") { id status acknowledged acknowledgedAt items { acknowledgedQuantity } order { acknowledgedStatus } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpointAcknowledgeFulfillmentRequest).toMatchObject({
      id: '990001',
      status: 'ACKNOWLEDGED',
      acknowledged: true,
      items: [{ acknowledgedQuantity: 1 }],
      order: { acknowledgedStatus: 'COMPLETED' },
    });
    expect(sim.requests[0]).toMatchObject({ method: 'PATCH', path: '/fulfillment-requests/990001/acknowledge' });
  });

  it('acknowledges with POST when configured so', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await postAck.gql(
      'mutation { flxpointAcknowledgeFulfillmentRequest(id: "990008", sourceId: "102") { status } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpointAcknowledgeFulfillmentRequest.status).toBe('ACKNOWLEDGED');
    expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/fulfillment-requests/990008/acknowledge' });
  });

  it('adjusts a fulfillment request: acknowledges part and kills the rest', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      'mutation { flxpointAdjustFulfillmentRequest(id: "990003", sourceId: "101", input: { items: [{ id: "660004", acknowledgedQuantity: 1 }], killOrFill: KILL }) { status items { id quantity acknowledgedQuantity cancelledQuantity } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpointAdjustFulfillmentRequest).toEqual({
      status: 'ACKNOWLEDGED',
      items: [
        { id: '660004', quantity: 3, acknowledgedQuantity: 1, cancelledQuantity: 2 },
        { id: '660005', quantity: 1, acknowledgedQuantity: 0, cancelledQuantity: 1 },
      ],
    });
    expect(JSON.parse(sim.requests[0].body)).toEqual({
      items: [{ id: 660004, acknowledgedQuantity: 1 }],
      killOrFillType: 'kill',
    });
  });

  it('creates a shipment for a fulfillment request item, then refuses the same tracking number', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const mutation = `mutation($input: FlxpointCreateShipmentInput!) { flxpointCreateShipment(input: $input) {
      id trackingNumber carrier shippedAt orderId fulfillmentRequestId sourceId partial items { sku quantity inventoryVariant { sku } } } }`;
    const input = {
      fulfillmentRequestId: '990003',
      sourceId: '101',
      trackingNumber: '1Z999AA10123456784',
      carrier: 'UPS',
      method: 'Ground',
      shippedAt: '2024-04-10T15:00:00Z',
      items: [{ fulfillmentRequestItemId: '660004', quantity: 1 }],
    };
    const res = await gw.gql(mutation, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data!.flxpointCreateShipment).toMatchObject({
      trackingNumber: '1Z999AA10123456784',
      carrier: 'UPS',
      shippedAt: '2024-04-10T15:00:00.000Z',
      orderId: '880003',
      fulfillmentRequestId: '990003',
      sourceId: '101',
      partial: false,
      items: [{ sku: 'HS-0005-800', quantity: 1, inventoryVariant: { sku: 'HS-0005-800' } }],
    });
    const body = JSON.parse(sim.requests.find((r) => r.method === 'POST')!.body);
    expect(body).toEqual({
      fulfillmentRequestId: 990003,
      allowDuplicateTrackingNumbers: false,
      shipment: {
        trackingNumber: '1Z999AA10123456784',
        carrier: 'UPS',
        method: 'Ground',
        shippedAt: '2024-04-10T15:00:00.000Z',
        shipmentItems: [{ quantity: 1, purchaseOrderItemId: 660004 }],
      },
    });
    const again = await gw.gql(mutation, { input });
    expect(again.errors![0].extensions).toMatchObject({ code: 'VENDOR_REJECTED', vendorStatus: 400 });
    expect(again.errors![0].message).toBe(
      'flxpoint rejected the request: A shipment with this tracking number already exists',
    );
  });

  it('refuses a shipment item with two references before calling Flxpoint', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const res = await gw.gql(
      'mutation { flxpointCreateShipment(input: { fulfillmentRequestId: "990003", trackingNumber: "X1", items: [{ quantity: 1, sku: "A", orderItemId: "1" }] }) { id } }',
    );
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toContain('input.items[0] needs exactly one of');
    expect(sim.count()).toBe(0);
  });

  it('lists shipments oldest first, reads one, patches it and flags it with an error', async () => {
    const sim = gw.sim('flxpoint');
    sim.clearRequests();
    const list = await gw.gql(
      '{ flxpoint { shipments(sourceId: "101", filter: { updatedAfter: "2024-03-25T00:00:00Z" }, first: 4) { nodes { id createdAt } pageInfo { hasNextPage } } } }',
    );
    expect(list.errors).toBeUndefined();
    const nodes = list.data!.flxpoint.shipments.nodes;
    expect(nodes).toHaveLength(4);
    expect(
      [...nodes].sort((a: { createdAt: string }, b: { createdAt: string }) => a.createdAt.localeCompare(b.createdAt)),
    ).toEqual(nodes);
    expect(list.data!.flxpoint.shipments.pageInfo.hasNextPage).toBe(true);
    expect(sim.requests[0].query).toEqual({
      filterUpdatedAfter: '2024-03-25T00:00:00.000Z',
      filterPageNumber: '1',
      filterPageSize: '4',
    });
    const id = nodes[0].id;
    const patched = await gw.gql(
      'mutation($id: ID!) { flxpointUpdateShipment(input: { id: $id, sourceId: "101", carrier: "FedEx", method: null }) { id carrier method } }',
      { id },
    );
    expect(patched.errors).toBeUndefined();
    expect(patched.data!.flxpointUpdateShipment.carrier).toBe('FedEx');
    expect(JSON.parse(sim.requests.find((r) => r.method === 'PATCH')!.body)).toEqual({
      id: Number(id),
      carrier: 'FedEx',
    });
    const flagged = await gw.gql(
      'mutation($id: ID!) { flxpointFlagShipmentsWithErrors(input: { sourceId: "101", shipments: [{ id: $id, error: "Channel rejected carrier code" }] }) { id syncedToChannel syncError } }',
      { id },
    );
    expect(flagged.data!.flxpointFlagShipmentsWithErrors).toEqual([
      { id, syncedToChannel: false, syncError: 'Channel rejected carrier code' },
    ]);
    const read = await gw.gql(
      'query($id: ID!) { flxpoint { shipment(id: $id, sourceId: "101") { carrier syncError } } }',
      { id },
    );
    expect(read.data!.flxpoint.shipment).toEqual({ carrier: 'FedEx', syncError: 'Channel rejected carrier code' });
  });
});
