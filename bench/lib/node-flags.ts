/**
 * The Node flags production starts the gateway with, read from `npm run start:prod` in
 * package.json (the Dockerfile's CMD carries the same), so the benchmark measures the process
 * production runs rather than a copy of its flags that could drift.
 */
import { readFileSync } from 'node:fs';

export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts['start:prod'].split(/\s+/);
  if (words[0] !== 'node') throw new Error('start:prod no longer starts with node: update bench/lib/node-flags.ts');
  return words.slice(1).filter((word) => word.startsWith('--'));
}
