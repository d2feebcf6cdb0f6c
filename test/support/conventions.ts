/**
 * The vendor layout rule as a function: every schema/<v>.graphql has src/vendors/<v>/ with the
 * role files (each a file or a folder of files), src/sandbox/<v>/, a line in the vendor registry
 * and one in the simulator registry, and its codegen mappers merged in codegen.ts — and the other
 * way round.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROLE_FILES = [
  'config.ts',
  'client.ts',
  'models.ts',
  'loaders.ts',
  'resolvers.ts',
  'mappers.ts',
  'index.ts',
];

/** Roles a vendor that outgrew one file may split into a folder (`client/records.ts`, …). */
const FOLDER_ROLES = new Set(['client.ts', 'models.ts', 'loaders.ts', 'resolvers.ts']);

function hasRole(root: string, vendor: string, file: string): boolean {
  if (existsSync(join(root, 'src/vendors', vendor, file))) return true;
  const folder = join(root, 'src/vendors', vendor, file.replace(/\.ts$/, ''));
  return FOLDER_ROLES.has(file) && existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.ts'));
}

export interface Registries {
  /** Names in src/vendors/index.ts. */
  vendors: string[];
  /** Names in src/sandbox/index.ts. */
  simulators: string[];
}

/** Lists what breaks the layout under `root`, given the registered vendor names. */
export function checkConventions(root: string, registries: Registries): string[] {
  const registered = registries.vendors;
  const problems: string[] = [];
  const dirs = (path: string) =>
    existsSync(join(root, path))
      ? readdirSync(join(root, path), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
      : [];
  const schemaVendors = readdirSync(join(root, 'schema'))
    .filter((f) => f.endsWith('.graphql') && f !== 'base.graphql')
    .map((f) => f.replace(/\.graphql$/, ''));
  const vendorDirs = dirs('src/vendors');
  const sandboxDirs = dirs('src/sandbox');
  const all = new Set([...schemaVendors, ...vendorDirs, ...sandboxDirs, ...registered]);
  for (const v of all) {
    if (!schemaVendors.includes(v)) problems.push(`${v}: schema/${v}.graphql is missing`);
    if (!vendorDirs.includes(v)) problems.push(`${v}: src/vendors/${v}/ is missing`);
    else for (const f of ROLE_FILES) if (!hasRole(root, v, f)) problems.push(`${v}: src/vendors/${v}/${f} is missing`);
    if (!sandboxDirs.includes(v)) problems.push(`${v}: src/sandbox/${v}/ is missing`);
    if (!registered.includes(v)) problems.push(`${v}: not registered in src/vendors/index.ts`);
    if (!registries.simulators.includes(v)) problems.push(`${v}: not registered in src/sandbox/index.ts`);
    if (
      existsSync(join(root, 'codegen.ts')) &&
      !readFileSync(join(root, 'codegen.ts'), 'utf8').includes(`./src/vendors/${v}/mappers.js`)
    ) {
      problems.push(`${v}: codegen.ts does not merge src/vendors/${v}/mappers.ts`);
    }
    if (schemaVendors.includes(v)) {
      const sdl = readFileSync(join(root, 'schema', `${v}.graphql`), 'utf8');
      if (!new RegExp(`extend type Query\\s*{[^}]*\\b${v}\\s*:`).test(sdl))
        problems.push(`${v}: schema/${v}.graphql does not add the ${v} namespace to Query`);
    }
  }
  return problems.sort();
}
