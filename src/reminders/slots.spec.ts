import { Slots } from './slots';

/** Work that records when it starts and finishes when the test says so. */
function pieces(log: string[]) {
  const finish = new Map<string, () => void>();
  const piece = (name: string) => () =>
    new Promise<string>((resolve) => {
      log.push(name);
      finish.set(name, () => resolve(name));
    });
  const settle = async (name: string) => {
    finish.get(name)!();
    // Lets the slot pass to the next piece of work.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { piece, settle };
}

describe('Slots', () => {
  it('runs at most its size at once, the rest first come first served', async () => {
    const log: string[] = [];
    const { piece, settle } = pieces(log);
    const slots = new Slots(2);
    const all = ['a', 'b', 'c', 'd'].map((name) => slots.run(piece(name)));
    await Promise.resolve();
    expect(log).toEqual(['a', 'b']);
    await settle('b');
    expect(log).toEqual(['a', 'b', 'c']);
    await settle('a');
    await settle('c');
    await settle('d');
    await expect(Promise.all(all)).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives a freed slot to the lowest rank waiting (the oldest job’s emails), in arrival order within a rank', async () => {
    const log: string[] = [];
    const { piece, settle } = pieces(log);
    const slots = new Slots(1);
    const all = [
      slots.run(piece('job 1, first'), 1),
      slots.run(piece('job 2, first'), 2),
      slots.run(piece('job 1, second'), 1),
      slots.run(piece('job 3'), 3),
      slots.run(piece('job 1, third'), 1),
      slots.run(piece('job 2, second'), 2),
    ];
    for (const name of ['job 1, first', 'job 1, second', 'job 1, third', 'job 2, first', 'job 2, second', 'job 3']) await settle(name);
    expect(log).toEqual(['job 1, first', 'job 1, second', 'job 1, third', 'job 2, first', 'job 2, second', 'job 3']);
    await Promise.all(all);
  });
});
