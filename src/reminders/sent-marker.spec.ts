import { MARK_WINDOW_MS, SentMarker } from './sent-marker';

/** A write that records each group and finishes only when the test says so. */
function recordingWrites() {
  const groups: Array<{ digestIds: string[]; ledgerIds: string[] }> = [];
  const finish: Array<(error?: Error) => void> = [];
  const write = (digestIds: string[], ledgerIds: string[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push({ digestIds, ledgerIds });
      finish.push((error) => (error ? reject(error) : resolve()));
    });
  return { groups, finish, write };
}

/** Lets the marker's promises and timers run. */
const advance = async (ms: number) => {
  await jest.advanceTimersByTimeAsync(ms);
};

describe('SentMarker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the digests accepted within one window together, with their reminders', async () => {
    const { groups, finish, write } = recordingWrites();
    const marker = new SentMarker(write);
    const marked = [marker.sent('d1', ['l1', 'l2']), marker.sent('d2', ['l3'])];
    await advance(MARK_WINDOW_MS - 1);
    const third = marker.sent('d3', []);
    expect(groups).toEqual([]);
    await advance(1);
    expect(groups).toEqual([{ digestIds: ['d1', 'd2', 'd3'], ledgerIds: ['l1', 'l2', 'l3'] }]);
    finish[0]();
    await expect(Promise.all([...marked, third])).resolves.toBeDefined();
  });

  it('gathers those accepted while a write runs for a window of their own before the next write', async () => {
    const { groups, finish, write } = recordingWrites();
    const marker = new SentMarker(write);
    const first = marker.sent('d1', ['l1']);
    await advance(MARK_WINDOW_MS);
    expect(groups).toHaveLength(1);
    // Accepted while the first group's transaction runs.
    const second = marker.sent('d2', ['l2']);
    finish[0]();
    await expect(first).resolves.toBeUndefined();
    // Written at once, a group would be one digest; it waits for the others of its window.
    expect(groups).toHaveLength(1);
    await advance(MARK_WINDOW_MS / 2);
    const third = marker.sent('d3', ['l3']);
    await advance(MARK_WINDOW_MS / 2);
    expect(groups).toEqual([
      { digestIds: ['d1'], ledgerIds: ['l1'] },
      { digestIds: ['d2', 'd3'], ledgerIds: ['l2', 'l3'] },
    ]);
    finish[1]();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('fails only the group whose write failed, and writes the next', async () => {
    const { groups, finish, write } = recordingWrites();
    const marker = new SentMarker(write);
    const first = marker.sent('d1', ['l1']);
    await advance(MARK_WINDOW_MS);
    const second = marker.sent('d2', ['l2']);
    finish[0](new Error('the database went away'));
    await expect(first).rejects.toThrow('the database went away');
    await advance(MARK_WINDOW_MS);
    expect(groups.map((group) => group.digestIds)).toEqual([['d1'], ['d2']]);
    finish[1]();
    await expect(second).resolves.toBeUndefined();
  });
});
