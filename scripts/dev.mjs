// `npm run dev`: the backend from source with restarts on change (tsx watch) on :3000, and the Vite
// dev server with hot reload, proxying /api and /socket.io to it. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [
  spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', 'backend/src/cli/main.ts', 'serve'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { COTEJO_LOG_LEVEL: 'info', ...process.env },
    },
  ),
  spawn(process.execPath, [path.join(root, 'frontend/node_modules/vite/bin/vite.js')], {
    cwd: path.join(root, 'frontend'),
    stdio: 'inherit',
  }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
