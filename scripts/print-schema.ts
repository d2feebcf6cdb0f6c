/**
 * Writes schema.graphql: the schema the gateway serves (schema/*.graphql merged, with the scalar
 * descriptions graphql-scalars contributes), in declaration order, for other teams' codegen and
 * for the example client. Also writes its federation twin, schema.federation.graphql: the subgraph
 * SDL a router composes in subgraph mode (`_service { sdl }`, docs/federation.md). Run by
 * `npm run codegen`; test/typed-clients.test.ts and test/federation/ fail when either is stale.
 */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildSchema } from '../src/app.js';
import { subgraphSdlOf } from '../src/federation.js';

/** The text of schema.graphql. */
export function publicSchemaText(): string {
  return `${printSchema(buildSchema())}\n`;
}

/** The text of schema.federation.graphql. */
export function federationSchemaText(): string {
  return `${subgraphSdlOf(buildSchema([], { federation: true }))}\n`;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  writeFileSync(new URL('../schema.graphql', import.meta.url), publicSchemaText());
  writeFileSync(new URL('../schema.federation.graphql', import.meta.url), federationSchemaText());
}
