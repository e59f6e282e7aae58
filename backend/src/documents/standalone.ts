/**
 * The pipeline in a process without an HTTP server (`cotejo worker`, `cotejo import`): database,
 * runtime, and on a server database a socket.io emitter so progress still reaches the browsers
 * connected to `cotejo serve` processes (through the PostgreSQL adapter).
 */
import { Server } from 'socket.io';
import type { Config } from '../config/env.js';
import { openDatabase, type Database } from '../db/client.js';
import { clusterAdapter } from '../realtime/cluster-adapter.js';
import { publisherFor, type RealtimeServer } from '../realtime/gateway.js';
import { silentPublisher } from '../realtime/publisher.js';
import { createLogger } from '../server.js';
import { createPipelineRuntime, type PipelineRuntime } from './service.js';

export interface StandalonePipeline {
  database: Database;
  runtime: PipelineRuntime;
  close(): Promise<void>;
}

/** Opens the database (locking an embedded data dir) and builds the pipeline runtime. */
export async function openStandalonePipeline(config: Config): Promise<StandalonePipeline> {
  const database = await openDatabase(config.database);
  const logger = createLogger(config);
  let io: RealtimeServer | undefined;
  if (database.pool) {
    io = new Server();
    io.adapter(clusterAdapter(database.pool, (err) => logger.warn({ err }, 'socket.io adapter')));
  }
  const runtime = createPipelineRuntime({
    config,
    database,
    logger,
    publisher: io ? publisherFor(io) : silentPublisher,
  });
  return {
    database,
    runtime,
    async close() {
      await io?.close().catch(() => undefined);
      await database.close();
    },
  };
}
