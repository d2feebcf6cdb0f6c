/* global URL */
// Part of `npm run build`: copies every file under src/ that tsc does not compile (GraphiQL's page
// script and stylesheet, the sandbox's sample PhixFlow endpoint file) to the same place under
// dist/, so code that reads a file next to itself finds it in both trees. Plain JavaScript: the
// build must not need tsx.
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
cpSync(`${root}src`, `${root}dist`, {
  recursive: true,
  filter: (source) => !source.endsWith('.ts'),
});
