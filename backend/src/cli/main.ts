/** The `cotejo` command line. Every command validates its input and exits non-zero on failure. */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerAdmin } from './commands/admin.js';
import { registerBench } from './commands/bench.js';
import { registerBenchCrowd } from './commands/bench-crowd.js';
import { registerBenchData } from './commands/bench-data.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerMigrate } from './commands/migrate.js';
import { registerOcr } from './commands/ocr.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerWorker } from './commands/worker.js';
import { EXIT, reportError } from './exit.js';

/** Builds the program with every command. */
export function buildProgram(): Command {
  const program = new Command('cotejo')
    .description('Cotejo: turn officials’ PDFs into cross-checked public datasets')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerMigrate(program);
  registerAdmin(program);
  registerSimulate(program);
  registerWorker(program);
  registerImport(program);
  registerOcr(program);
  registerBench(program);
  registerBenchCrowd(program);
  registerBenchData(program);
  registerExport(program);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportError(error);
  }
}
