/**
 * The Dockerfile, read as text (no Docker daemon in CI): the image runs what `npm run start:prod`
 * runs, from a build stage, with runtime dependencies only, as a non-root user on a current LTS
 * base, and carries every file the gateway reads at run time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, startProdArgs } from '../support/processes.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);
const runtime = stages.at(-1)!;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('the Dockerfile', () => {
  it('builds with tsc in a stage of its own and ships runtime dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.some((s) => /RUN npm ci\b/.test(s) && /RUN npm run build\b/.test(s))).toBe(true);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).not.toMatch(/COPY src\b/);
    expect(pkg.dependencies.tsx).toBeUndefined();
  });

  it('runs node on a Node 24 LTS base as the unprivileged node user, with a health check', () => {
    for (const stage of stages) expect(stage).toMatch(/^node:24-[a-z]+-slim\b/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
  });

  it('starts the way npm run start:prod does', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)![1]) as string[];
    expect(cmd).toEqual(['node', ...startProdArgs()]);
  });

  it('copies what the gateway reads at run time from the package root', () => {
    // src/server.ts reads schema/*.graphql; GraphiQL's tabs come from examples/operations/.
    expect(runtime).toMatch(/^COPY schema \.\/schema$/m);
    expect(runtime).toMatch(/^COPY examples\/operations \.\/examples\/operations$/m);
    expect(runtime).toMatch(/^COPY package\.json \.\/$/m);
  });
});
