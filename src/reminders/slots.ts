/**
 * At most `size` pieces of work at once; the rest wait their turn, the lowest
 * rank first and first come first served within a rank.
 */
export class Slots {
  private free: number;
  private readonly waiting: Array<{ rank: number; go: () => void }> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(work: () => Promise<T>, rank = 0): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else
      await new Promise<void>((go) => {
        const before = this.waiting.findIndex((waiter) => waiter.rank > rank);
        this.waiting.splice(before === -1 ? this.waiting.length : before, 0, { rank, go });
      });
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next.go();
      else this.free += 1;
    }
  }
}
