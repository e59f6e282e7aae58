#!/usr/bin/env node
// The `cotejo` command. The CLI is TypeScript compiled to dist/ by `npm run build`.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('cotejo: not built yet. Run `npm run build` (or `npm start`) at the repository root first.');
  process.exit(2);
}
await import(main.href);
