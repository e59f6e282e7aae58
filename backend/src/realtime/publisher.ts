/**
 * Events leave only after the transaction that caused them commits: use cases add them to an
 * Outbox inside the transaction and `inTransaction` flushes it to the Publisher afterwards.
 */
import type { RoomName, ServerEventName, ServerEventPayload } from '../contracts/events.js';
import type { Db, Tx } from '../db/client.js';

export interface Publisher {
  publish<E extends ServerEventName>(room: RoomName, event: E, payload: ServerEventPayload<E>): void;
}

/** A publisher that drops events (CLI commands with no listeners). */
export const silentPublisher: Publisher = { publish: () => undefined };

/** A publisher whose target is set later (the socket.io server is attached after the app). */
export class DeferredPublisher implements Publisher {
  private target: Publisher = silentPublisher;
  setTarget(target: Publisher): void {
    this.target = target;
  }
  publish<E extends ServerEventName>(room: RoomName, event: E, payload: ServerEventPayload<E>): void {
    this.target.publish(room, event, payload);
  }
}

type Pending = { room: RoomName; event: ServerEventName; payload: unknown };

export class Outbox {
  private readonly pending: Pending[] = [];
  add<E extends ServerEventName>(room: RoomName, event: E, payload: ServerEventPayload<E>): void {
    this.pending.push({ room, event, payload });
  }
  flush(publisher: Publisher): void {
    for (const item of this.pending.splice(0)) {
      publisher.publish(item.room, item.event, item.payload as never);
    }
  }
}

/** Runs `work` in a transaction and publishes its outbox only once it has committed. */
export async function inTransaction<T>(
  db: Db,
  publisher: Publisher,
  work: (tx: Tx, outbox: Outbox) => Promise<T>,
): Promise<T> {
  const outbox = new Outbox();
  const result = await db.transaction((tx) => work(tx, outbox));
  outbox.flush(publisher);
  return result;
}
