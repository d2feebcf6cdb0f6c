/**
 * Flowize simulator — keystores: GET/POST/PUT/DELETE /v1/keystore/{id}/{key} and POST /v1/keystore/{id} search.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import type { FlowizeState } from './seed.js';

export function registerKeystoreRoutes(_router: Router, _ctx: SimulatorContext<FlowizeState>): void {
  // Not simulated yet.
}
