/** What the HTTP layer and use cases are given: no god object, each takes the parts it needs. */
import type { Logger } from 'pino';
import type { Config } from '../config/env.js';
import type { Database } from '../db/client.js';
import type { Publisher } from '../realtime/publisher.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AppContext {
  config: Config;
  database: Database;
  logger: Logger;
  publisher: Publisher;
  clock: Clock;
  startedAt: Date;
  version: string;
}
