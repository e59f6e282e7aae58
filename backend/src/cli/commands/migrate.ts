import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';

/** `cotejo migrate`: apply pending migrations and exit. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and exit (the server also applies them at start)')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config.database);
      await database.close();
      console.log(
        `Migrations applied (${database.kind === 'pglite' ? config.database.kind === 'pglite' && config.database.dir : 'PostgreSQL server'}).`,
      );
    });
}
