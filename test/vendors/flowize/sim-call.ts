/**
 * Calls the Flowize simulator directly (not through the gateway) with the sandbox API key, for
 * tests of what the simulator itself speaks.
 */
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/flowize/index.js';
import type { TestGateway } from '../../helpers.js';

export function flowizeSimCall(gw: () => TestGateway) {
  return (method: string, path: string, type: string, body?: string, auth = true) =>
    fetch(`${gw().sim('flowize').url}${path}`, {
      method,
      headers: {
        'content-type': type,
        ...(auth && { 'x-apikey': SANDBOX_CREDENTIALS.apiKey, 'x-app': SANDBOX_CREDENTIALS.appKey }),
      },
      body,
    });
}
