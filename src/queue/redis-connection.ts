/**
 * What an ioredis client's status says about a command sent now:
 * - `ready`: it goes straight to Redis;
 * - `connecting`: it waits in the client's offline queue until the first
 *   connection is up;
 * - `down`: the connection was lost (`lost`: closed since it was last ready)
 *   and the client is retrying. A command would sit in the offline queue for
 *   as long as Redis stays down (ioredis gives up only after 20 reconnects),
 *   so a request must not send one: it answers at once that the queue is down.
 *   While down, the client passes through `connecting` at every retry, which
 *   is why the status alone is not enough.
 */
export type ConnectionState = 'ready' | 'connecting' | 'down';

export function connectionState(status: string, lost: boolean): ConnectionState {
  switch (status) {
    case 'ready':
      return 'ready';
    case 'reconnecting':
    case 'close':
    case 'end':
      return 'down';
    default:
      // wait, connecting, connect (and any status a later ioredis adds): bounded by the caller's deadline.
      return lost ? 'down' : 'connecting';
  }
}

/** Why a queue is down, in words an admin can act on. */
export function redisDownReason(status: string, timeoutMs?: number): string {
  if (timeoutMs !== undefined) return `Redis did not answer within ${formatMs(timeoutMs)}`;
  if (status === 'end') return 'the connection to Redis is closed';
  return 'Redis is not answering (the connection is lost and being retried)';
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
