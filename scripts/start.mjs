// `npm start`: build what is missing or out of date, then serve on the embedded database.
// TypeScript builds are incremental (tsc -b); the web app is rebuilt only when its sources changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

console.log('Cotejo: checking the build…');
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'ocr', 'backend']);
const index = path.join(root, 'frontend/dist/index.html');
const frontendSources = [path.join(root, 'frontend/src'), path.join(root, 'backend/src/contracts')];
const stale = !existsSync(index) || frontendSources.some((d) => newestMtime(d) > statSync(index).mtimeMs);
if (stale) run('npm', ['run', 'build', '-w', 'frontend']);

const serve = spawnSync(
  process.execPath,
  [path.join(root, 'backend/bin/cotejo.js'), 'serve', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(serve.status ?? 0);
