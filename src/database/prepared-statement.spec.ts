import { preparedStatement, runPrepared } from './prepared-statement';

describe('preparedStatement', () => {
  it.each([
    ['live_session', true],
    ['plan_change_mark', true],
    ['a'.repeat(51), true],
    ['a'.repeat(52), false],
    ['Live_session', false],
    ['live-session', false],
    ['1st', false],
    ['', false],
  ])('takes %j as a name: %s', (name, taken) => {
    const make = () => preparedStatement(name, 'SELECT 1');
    if (taken) expect(make().name).toBe(`ipm_${name}`);
    else expect(make).toThrow(/name is lower-case letters/);
  });

  it('reads as its SQL in logs and EXPLAIN, and cannot be changed once made', () => {
    const statement = preparedStatement('closure_days', 'SELECT date FROM closure_days');
    expect(String(statement)).toBe('SELECT date FROM closure_days');
    expect(Object.isFrozen(statement)).toBe(true);
  });

  it('reaches query() as node-postgres takes a named query: the statement itself, with its parameters', async () => {
    const statement = preparedStatement('live_session', 'SELECT $1::int AS n');
    const seen: unknown[] = [];
    const rows = await runPrepared<{ n: number }>({ query: async (sql, parameters) => (seen.push(sql, parameters), [{ n: 1 }]) }, statement, [1]);
    expect(rows).toEqual([{ n: 1 }]);
    expect(seen).toEqual([statement, [1]]);
  });
});
