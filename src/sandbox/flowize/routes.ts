/**
 * Flowize simulator routes beyond auth, record search/read/create, flow diagrams and SOAP, one
 * file per area.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../framework.js';
import { registerDataSchemaRoutes } from './data-schema.js';
import { registerEnvironmentsRoutes } from './environments.js';
import { registerKeystoreRoutes } from './keystore.js';
import { registerRecordsRoutes } from './records.js';
import type { FlowizeState } from './seed.js';
import { registerTablesRoutes } from './tables.js';

export function registerExtraRoutes(router: Router, ctx: SimulatorContext<FlowizeState>): void {
  registerRecordsRoutes(router, ctx);
  registerDataSchemaRoutes(router, ctx);
  registerKeystoreRoutes(router, ctx);
  registerTablesRoutes(router, ctx);
  registerEnvironmentsRoutes(router, ctx);
}
