import { AgencyTree } from './agency-tree';

const tree = new AgencyTree([
  { id: 'scc', parentId: null },
  { id: 'csl', parentId: 'scc' },
  { id: 'safeguarding', parentId: 'csl' },
  { id: 'commissioning', parentId: 'csl' },
  { id: 'nhs', parentId: null },
  { id: 'loop-a', parentId: 'loop-b' },
  { id: 'loop-b', parentId: 'loop-a' },
]);

describe('AgencyTree', () => {
  it.each<[string[], string[]]>([
    [['csl'], ['csl', 'safeguarding', 'commissioning']],
    [['scc'], ['scc', 'csl', 'safeguarding', 'commissioning']],
    [['safeguarding'], ['safeguarding']],
    [['nhs', 'safeguarding'], ['nhs', 'safeguarding']],
    [[], []],
    [['unknown'], ['unknown']],
    [['loop-a'], ['loop-a', 'loop-b']],
  ])('withDivisions(%j) is %j', (ids, expected) => {
    expect([...tree.withDivisions(ids)].sort()).toEqual([...expected].sort());
  });

  it.each<[string, string[]]>([
    ['safeguarding', ['safeguarding', 'csl', 'scc']],
    ['scc', ['scc']],
    ['nhs', ['nhs']],
    ['loop-a', ['loop-a', 'loop-b']],
  ])('lineage(%s) is %j', (id, expected) => {
    expect(tree.lineage(id)).toEqual(expected);
  });
});
