/**
 * Puts the Appmixer simulator back to its seed between tests. A reseeded simulator has forgotten
 * every token it issued, so the gateway's cached token is dropped too; otherwise the first call
 * of each test would go through a 401 and a re-login, and upstream call counts would be off.
 */
import type { TestGateway } from '../../helpers.js';

export async function resetAppmixer(gw: TestGateway): Promise<void> {
  gw.sim('appmixer').reset();
  await gw.gateway.server.registry.appmixer.client!.tokens.invalidate(undefined);
}
