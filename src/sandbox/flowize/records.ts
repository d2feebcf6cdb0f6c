/**
 * Flowize simulator — record update/delete, queue actions, move to flow, webhooks, flow status and the data schema.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import type { FlowizeState } from './seed.js';

export function registerRecordsRoutes(_router: Router, _ctx: SimulatorContext<FlowizeState>): void {
  // Not simulated yet.
}
