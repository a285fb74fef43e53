/**
 * A statement PostgreSQL parses and plans once on each connection and then
 * only executes, for the few small statements nearly every request runs
 * (authentication, a plan's change mark, the closure days). For those,
 * parsing and planning take as long as running: prepared, each costs about
 * half the time.
 *
 * node-postgres prepares a query that has a `name` on its first use on a
 * pooled connection and reuses it after. `runPrepared` hands it to TypeORM's
 * query() as it is, so the statement still goes through the data source (its
 * logger, and so the query counts the tests pin, see it, as its name and
 * text).
 *
 * One name, one text: node-postgres refuses a second text under a name, and
 * PostgreSQL keeps 63 bytes of a name, so names are short and checked here,
 * and each statement is made once (at module level, or once per rider).
 *
 * A prepared statement's result columns are fixed when it is prepared: a
 * migration that changed a column's type under a running process would make
 * PostgreSQL refuse it ("cached plan must not change result type") until the
 * connection closed. So these statements cast every column they return to the
 * type the code reads. A pooler in transaction mode (PgBouncer before 1.21)
 * does not keep prepared statements between transactions; the README's
 * deployments connect directly.
 */
export interface PreparedStatement {
  /** The name node-postgres prepares it under on each connection. */
  readonly name: string;
  readonly text: string;
  /** The SQL, for logs and EXPLAIN. */
  toString(): string;
}

const NAME = /^[a-z][a-z0-9_]{0,50}$/;

export function preparedStatement(name: string, text: string): PreparedStatement {
  if (!NAME.test(name)) throw new Error(`A prepared statement's name is lower-case letters, digits and underscores, up to 51: ${JSON.stringify(name)}`);
  return Object.freeze({ name: `ipm_${name}`, text, toString: () => text });
}

/** What runs SQL: a DataSource, an EntityManager (a transaction's too) or a QueryRunner. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs a prepared statement through TypeORM (as `query()` would run its SQL) and answers its rows. */
export async function runPrepared<Row>(on: Queryable, statement: PreparedStatement, parameters?: unknown[]): Promise<Row[]> {
  // TypeORM types its query as SQL text and passes it to node-postgres unchanged, which takes a query object too.
  return (await on.query(statement as unknown as string, parameters)) as Row[];
}
