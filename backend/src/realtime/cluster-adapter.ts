/**
 * The socket.io adapter for several processes on one PostgreSQL server (@socket.io/postgres-adapter:
 * LISTEN/NOTIFY). A broadcast is published to the other processes only while there are any: the
 * adapter learns of each one from its heartbeats, and a process announces itself as it starts (the
 * others answer at once), so a process alone does not pay one NOTIFY per event.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Pool } from 'pg';

type Adapter = ReturnType<ReturnType<typeof createAdapter>>;
type BroadcastOptions = Parameters<Adapter['broadcast']>[1];

/** Broadcast options that keep a packet in this process. */
export function localOnly(opts: BroadcastOptions): BroadcastOptions {
  return { ...opts, flags: { ...opts.flags, local: true } };
}

/** The adapter factory for `io.adapter(...)`. */
export function clusterAdapter(pool: Pool, onError: (error: unknown) => void) {
  const make = createAdapter(pool, { errorHandler: onError });
  // socket.io calls it with `new`: a function (not an arrow) whose returned object is the adapter.
  return function adapterFor(nsp: Parameters<typeof make>[0]): Adapter {
    const adapter = make(nsp);
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = async (packet, opts) => {
      const servers = await adapter.serverCount();
      return broadcast(packet, servers > 1 ? opts : localOnly(opts));
    };
    return adapter;
  };
}
