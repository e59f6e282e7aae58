import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../config/env.js';
import { openDatabase } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { createAdmin } from '../../users/create-admin.js';

const input = z.object({
  email: z.email(),
  password: z.string().min(10),
  name: z.string().min(1).optional(),
});

/** `cotejo admin create`: create (or promote) an admin account. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('administration tasks');
  admin
    .command('create')
    .description('create an admin account, or promote an existing account and reset its password')
    .requiredOption('--email <email>', 'email address')
    .option('--password <password>', 'password (at least 10 characters); default: $COTEJO_ADMIN_PASSWORD')
    .option('--name <name>', 'display name')
    .action(async (opts: { email: string; password?: string; name?: string }) => {
      const parsed = input.safeParse({
        ...opts,
        password: opts.password ?? process.env.COTEJO_ADMIN_PASSWORD,
      });
      if (!parsed.success) {
        throw new AppError(
          'validation_failed',
          parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const config = loadConfig();
      const database = await openDatabase(config.database);
      try {
        const { user, created } = await createAdmin(database.db, {
          ...parsed.data,
          displayName: parsed.data.name,
        });
        console.log(`${created ? 'Created' : 'Promoted'} admin ${user.email}`);
      } finally {
        await database.close();
      }
    });
}
