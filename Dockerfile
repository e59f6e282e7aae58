# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript and the web app, then a slim non-root runtime.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY ocr/package.json ocr/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
COPY tests/package.json tests/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY ocr ocr
COPY backend backend
COPY frontend frontend
RUN npm run build && npm prune --omit=dev --workspace ocr --workspace backend --include-workspace-root=false

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production COTEJO_DATA_DIR=/data PORT=3000
WORKDIR /app
# tesseract-ocr lets COTEJO_OCR_ENGINE=native|auto use the native engine; tesseract.js works without it.
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng \
  && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown node:node /data
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/ocr/package.json ocr/
COPY --from=build --chown=node:node /app/ocr/dist ocr/dist
COPY --from=build --chown=node:node /app/backend/package.json backend/
COPY --from=build --chown=node:node /app/backend/bin backend/bin
COPY --from=build --chown=node:node /app/backend/dist backend/dist
COPY --from=build --chown=node:node /app/backend/drizzle backend/drizzle
COPY --from=build --chown=node:node /app/frontend/dist frontend/dist
COPY --chown=node:node fixtures fixtures
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "backend/bin/cotejo.js"]
CMD ["serve"]
