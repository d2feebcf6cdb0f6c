/**
 * The vendor calls' keep-alive sockets: got sends through Node's global agents, which keep idle
 * connections to every vendor open. Closing them is the last step of a shutdown, once no request
 * runs, so the process leaves the vendors with a clean close rather than a reset.
 */
import { globalAgent as httpAgent } from 'node:http';
import { globalAgent as httpsAgent } from 'node:https';

/** Destroys the idle vendor connections of this process (process-wide: call it at exit only). */
export function closeVendorConnections(): void {
  httpAgent.destroy();
  httpsAgent.destroy();
}
