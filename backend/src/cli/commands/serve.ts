import type { Command } from 'commander';
import { loadConfig, ENV_DOCS } from '../../config/env.js';
import { startServer } from '../../server.js';
import { serverPlugins } from '../../plugins.js';

/** `cotejo serve`: the HTTP API, real-time gateway, web app and (embedded) pipeline workers. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the API, the real-time gateway and the web app (embedded PGlite unless DATABASE_URL is set)',
    )
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .addHelpText(
      'after',
      `\nEnvironment:\n${ENV_DOCS.map(([n, d, m]) => `  ${n.padEnd(32)} ${m} (default: ${d})`).join('\n')}`,
    )
    .action(async (opts: { port?: string }) => {
      const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      const server = await startServer(config, { plugins: serverPlugins() });
      console.log(
        `Cotejo ${server.ctx.version} is ready at ${server.url} (${server.ctx.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server'})`,
      );
      let signals = 0;
      const stop = (signal: string) => {
        if (++signals > 1) process.exit(130);
        console.log(`\n${signal}: stopping (press Ctrl+C again to force)…`);
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
