# syntax=docker/dockerfile:1
# vendorgraph image: compiled in a build stage (type-checked by tsc), then only the runtime
# dependencies, dist/ and the files read at run time go into the image. Node 24 is the current
# Active LTS line (Node 20 reached end of life on 2026-04-30); package.json `engines` and .ci/run
# say which versions are supported.
#   Build: docker build -t vendorgraph .     Run: docs/operations.md

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY schema ./schema
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only (GraphiQL's bundles included: the page never loads anything from a CDN).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    VENDORGRAPH_MODE=live \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Read at run time from the package root: the SDL and the GraphiQL tabs (served only when
# VENDORGRAPH_GRAPHIQL=true in live mode).
COPY schema ./schema
COPY examples/operations ./examples/operations
USER node
EXPOSE 4000
# Liveness only (no vendor is called): /readyz belongs to the orchestrator's readiness probe.
# No curl in the slim image: node's own fetch does the check.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (not npm), so SIGTERM reaches the gateway's graceful drain
# (VENDORGRAPH_SHUTDOWN_TIMEOUT_MS, 25 s by default; keep it below the orchestrator's grace period).
# The flags are those of `npm run start:prod`. `node dist/cli/hash-key.js <name> <role>` makes a
# client API key inside the image.
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "dist/index.js"]
