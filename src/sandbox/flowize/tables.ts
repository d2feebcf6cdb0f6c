/**
 * Flowize simulator — tables: GET/PUT/DELETE /v1/tables/{table}/{id}, POST /v1/tables/{table}/ insert and POST /v1/tables/{table}/search.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import type { FlowizeState } from './seed.js';

export function registerTablesRoutes(_router: Router, _ctx: SimulatorContext<FlowizeState>): void {
  // Not simulated yet.
}
