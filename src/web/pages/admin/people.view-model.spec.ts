import { personFormValues, personInput, personProblems, seatFieldId } from './people.view-model';

describe('the person form', () => {
  const plans = [
    { id: 'p1', title: 'Ofsted plan' },
    { id: 'p2', title: 'Business plan' },
  ];

  it('sends seats as planRoles, in an order it can put the API’s errors back on', () => {
    const { input, seats } = personInput({ ...personFormValues(null), name: 'Pat', email: 'pat@x.example', roles: ['viewer'], seats: { p1: '', p2: 'viewer' } });
    expect(input.planRoles).toEqual([{ planId: 'p2', role: 'viewer' }]);
    expect(seats).toEqual(['p2']);
    expect(input.jobTitle).toBeNull();
    expect(input).not.toHaveProperty('planIds');
  });

  it('words the API’s refusals for the fields the page shows', () => {
    expect(
      personProblems(
        {
          'planRoles[0].role': 'chair needs the board_chair role',
          'planRoles[1].role': 'viewer needs the viewer or board_chair role',
          email: 'another user already has this email address',
          'leadAgencyIds[3]': 'no lead agency with id x',
        },
        ['p2', 'p1'],
        plans,
      ),
    ).toEqual({
      [seatFieldId('p2')]: '“Business plan” as chair needs the Improvement board chair role: tick it under Roles, or choose Viewer',
      [seatFieldId('p1')]: '“Ofsted plan” as viewer needs the Viewer or Improvement board chair role: tick one under Roles',
      email: 'is already used by another person',
      leadAgencyIds: 'no lead agency with id x',
    });
  });
});
