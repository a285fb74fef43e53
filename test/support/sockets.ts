import { promises as fs } from 'fs';

export interface ProcessSockets {
  /** Local ports the process listens on (TCP) or has bound (UDP). */
  open: Array<{ protocol: string; port: number }>;
  /** TCP connections the process holds (to PostgreSQL, Redis, SMTP...). */
  connected: number;
}

/**
 * The sockets one process holds, from /proc (Linux): its file descriptors name
 * socket inodes, and /proc/<pid>/net/{tcp,tcp6,udp,udp6} say which inode is
 * listening. (Those tables list every socket of the network namespace, so a
 * socket counts only if this process holds its inode.)
 */
export async function socketsOf(pid: number): Promise<ProcessSockets> {
  const inodes = new Set<string>();
  for (const fd of await fs.readdir(`/proc/${pid}/fd`)) {
    const target = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match) inodes.add(match[1]);
  }
  const result: ProcessSockets = { open: [], connected: 0 };
  for (const protocol of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const table = await fs.readFile(`/proc/${pid}/net/${protocol}`, 'utf8').catch(() => '');
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || !inodes.has(fields[9])) continue;
      const port = parseInt(fields[1].split(':')[1], 16);
      const state = fields[3];
      // TCP 0A is LISTEN and 01 ESTABLISHED; any bound UDP socket is an open port.
      if (protocol.startsWith('udp') || state === '0A') result.open.push({ protocol, port });
      else if (state === '01') result.connected += 1;
    }
  }
  return result;
}
