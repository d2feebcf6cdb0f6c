/**
 * Writes schema.graphql: the schema the gateway serves (schema/*.graphql merged, with the scalar
 * descriptions graphql-scalars contributes), in declaration order, for other teams' codegen and
 * for the example client. Run by `npm run codegen`; test/typed-clients.test.ts fails when stale.
 */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildSchema } from '../src/app.js';

/** The text of schema.graphql. */
export function publicSchemaText(): string {
  return `${printSchema(buildSchema())}\n`;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  writeFileSync(new URL('../schema.graphql', import.meta.url), publicSchemaText());
}
