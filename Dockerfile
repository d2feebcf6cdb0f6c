# syntax=docker/dockerfile:1
# vendorgraph runs from its TypeScript sources through tsx (a runtime dependency), so the image
# has no compile step. Build: docker build -t vendorgraph .   Run: docs/operations.md.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only (GraphiQL's bundles included: the page never loads anything from a CDN).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    VENDORGRAPH_MODE=live \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY schema ./schema
COPY src ./src
# `node --import tsx scripts/hash-key.ts <name> <role>` makes a client API key inside the image.
COPY scripts ./scripts
# The GraphiQL tabs (served only when VENDORGRAPH_GRAPHIQL=true in live mode).
COPY examples/operations ./examples/operations
USER node
EXPOSE 4000
# Liveness only: /readyz calls the vendors and belongs to the orchestrator's readiness probe.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (not npm), so SIGTERM reaches the gateway's graceful shutdown.
CMD ["node", "--import", "tsx", "src/index.ts"]
