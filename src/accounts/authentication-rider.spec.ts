import { AuthenticationRider, takeRiddenRow } from './authentication-rider';
import { RequestContext, requestContext } from '../common/request-context';

const rider = (name: string): AuthenticationRider => ({ name, sql: (p) => `SELECT ${p}::uuid AS id`, parameter: () => null });
const MARK = rider('mark');
const OTHER = rider('other');
const PLAN = '6a1f0d2e-8c57-4c55-9d0f-3f6f1e2a9b10';

function within<T>(ridden: RequestContext['ridden'], fn: () => T): T {
  return requestContext.run({ requestId: 'r', ipAddress: '127.0.0.1', actor: null, ridden }, fn);
}

describe('takeRiddenRow', () => {
  it.each<[string, RequestContext['ridden'] | 'no request', AuthenticationRider, string, boolean]>([
    ['the rider and parameter that rode', { rider: 'mark', parameter: PLAN, row: { n: 1 } }, MARK, PLAN, true],
    ['another parameter (a second plan read in the request)', { rider: 'mark', parameter: PLAN, row: { n: 1 } }, MARK, '00000000-0000-4000-8000-000000000000', false],
    ['another rider', { rider: 'mark', parameter: PLAN, row: { n: 1 } }, OTHER, PLAN, false],
    ['nothing rode (an API token)', undefined, MARK, PLAN, false],
    ['outside any request', 'no request', MARK, PLAN, false],
  ])('%s', (_, ridden, asked, parameter, found) => {
    const take = () => takeRiddenRow(asked, parameter);
    const row = ridden === 'no request' ? take() : within(ridden, take);
    expect(row).toEqual(found ? { n: 1 } : undefined);
  });

  it('gives the row once: a second read in the same request asks the database again', () => {
    within({ rider: 'mark', parameter: PLAN, row: { n: 1 } }, () => {
      expect(takeRiddenRow(MARK, PLAN)).toEqual({ n: 1 });
      expect(takeRiddenRow(MARK, PLAN)).toBeUndefined();
    });
  });
});
