/**
 * The vendor layout rule as a function: every schema/<v>.graphql has src/vendors/<v>/ with the
 * role files, src/sandbox/<v>/ and a registry entry — and the other way round.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROLE_FILES = ['config.ts', 'client.ts', 'models.ts', 'loaders.ts', 'resolvers.ts', 'index.ts'];

/** Lists what breaks the layout under `root`, given the registered vendor names. */
export function checkConventions(root: string, registered: string[]): string[] {
  const problems: string[] = [];
  const dirs = (path: string) => (existsSync(join(root, path)) ? readdirSync(join(root, path), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []);
  const schemaVendors = readdirSync(join(root, 'schema'))
    .filter((f) => f.endsWith('.graphql') && f !== 'base.graphql')
    .map((f) => f.replace(/\.graphql$/, ''));
  const vendorDirs = dirs('src/vendors');
  const sandboxDirs = dirs('src/sandbox');
  const all = new Set([...schemaVendors, ...vendorDirs, ...sandboxDirs, ...registered]);
  for (const v of all) {
    if (!schemaVendors.includes(v)) problems.push(`${v}: schema/${v}.graphql is missing`);
    if (!vendorDirs.includes(v)) problems.push(`${v}: src/vendors/${v}/ is missing`);
    else for (const f of ROLE_FILES) if (!existsSync(join(root, 'src/vendors', v, f))) problems.push(`${v}: src/vendors/${v}/${f} is missing`);
    if (!sandboxDirs.includes(v)) problems.push(`${v}: src/sandbox/${v}/ is missing`);
    if (!registered.includes(v)) problems.push(`${v}: not registered in src/vendors/index.ts`);
    if (schemaVendors.includes(v)) {
      const sdl = readFileSync(join(root, 'schema', `${v}.graphql`), 'utf8');
      if (!new RegExp(`extend type Query\\s*{[^}]*\\b${v}\\s*:`).test(sdl)) problems.push(`${v}: schema/${v}.graphql does not add the ${v} namespace to Query`);
    }
  }
  return problems.sort();
}
