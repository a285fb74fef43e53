/**
 * A statement PostgreSQL parses and plans once on each connection and then
 * only executes, for the few small statements nearly every request runs
 * (authentication, a plan's change mark). For those, parsing and planning take
 * as long as running: prepared, each costs about half the time.
 *
 * node-postgres prepares a query that has a `name` on its first use on a
 * pooled connection and reuses it after; TypeORM hands the query to it as it
 * is, so the statement still goes through the data source (its logger, and so
 * the query counts the tests pin, see it). Pass the result where TypeORM takes
 * SQL: `manager.query(statement, parameters)`.
 *
 * One name, one text: node-postgres refuses a second text under a name, so
 * each statement is made once, at module level. A pooler in transaction mode
 * (PgBouncer before 1.21) does not keep prepared statements between
 * transactions; the README's deployments connect directly.
 */
export function preparedStatement(name: string, text: string): string {
  const statement = { name: `ipm_${name}`, text, toString: () => text };
  // Typed as SQL text for TypeORM's query(), which passes it to node-postgres unchanged.
  return statement as unknown as string;
}
