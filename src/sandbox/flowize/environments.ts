/**
 * Flowize simulator — environments: /v1/environment… with the organization API key.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import type { FlowizeState } from './seed.js';

export function registerEnvironmentsRoutes(_router: Router, _ctx: SimulatorContext<FlowizeState>): void {
  // Not simulated yet.
}
