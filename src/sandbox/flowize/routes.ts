/**
 * Flowize simulator routes beyond records, flows and auth: data schema, queue actions, moves,
 * webhooks, flow status, keystores, tables and environments.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import type { FlowizeState } from './seed.js';

export function registerExtraRoutes(_router: Router, _ctx: SimulatorContext<FlowizeState>): void {
  // Filled in area by area.
}
