/**
 * Events leave only after the transaction that caused them commits: use cases add them to an
 * Outbox inside the transaction and `inTransaction` flushes it to the Publisher afterwards.
 */
import type { RoomName, ServerEventName, ServerEventPayload } from '../contracts/events.js';
import type { Db, Tx } from '../db/client.js';

export interface Publisher {
  publish<E extends ServerEventName>(room: RoomName, event: E, payload: ServerEventPayload<E>): void;
  /** One event to several rooms at once (one broadcast; someone in two of them gets it once). */
  publishToRooms?<E extends ServerEventName>(
    rooms: RoomName[],
    event: E,
    payload: ServerEventPayload<E>,
  ): void;
}

/** Sends one event to several rooms, in one broadcast when the publisher can. */
export function publishToRooms<E extends ServerEventName>(
  publisher: Publisher,
  rooms: RoomName[],
  event: E,
  payload: ServerEventPayload<E>,
): void {
  if (publisher.publishToRooms) publisher.publishToRooms(rooms, event, payload);
  else for (const room of rooms) publisher.publish(room, event, payload);
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
  publishToRooms<E extends ServerEventName>(
    rooms: RoomName[],
    event: E,
    payload: ServerEventPayload<E>,
  ): void {
    publishToRooms(this.target, rooms, event, payload);
  }
}

type Pending = { rooms: RoomName[]; event: ServerEventName; payload: unknown };

export class Outbox {
  private readonly pending: Pending[] = [];
  /** Queues an event for one room, or for several at once (sent as one broadcast). */
  add<E extends ServerEventName>(
    room: RoomName | RoomName[],
    event: E,
    payload: ServerEventPayload<E>,
  ): void {
    this.pending.push({ rooms: Array.isArray(room) ? room : [room], event, payload });
  }
  flush(publisher: Publisher): void {
    for (const item of this.pending.splice(0)) {
      if (item.rooms.length === 1) publisher.publish(item.rooms[0]!, item.event, item.payload as never);
      else publishToRooms(publisher, item.rooms, item.event, item.payload as never);
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
