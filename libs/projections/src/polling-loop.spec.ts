import { PollingLoop } from './polling-loop';

describe('PollingLoop', () => {
  it('runs the work again after the delay its result asks for, and runs no more once stopped', async () => {
    const delays: (number | undefined)[] = [];
    let runs = 0;
    const loop = new PollingLoop(
      async () => ++runs,
      (result) => {
        delays.push(result);
        return result !== undefined && result < 3 ? 0 : 60_000;
      },
    );
    loop.start();
    while (runs < 3) await new Promise((resolve) => setTimeout(resolve, 1));
    await loop.stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(after).toBe(3);
    expect(runs).toBe(3);
    expect(delays).toEqual([1, 2, 3]);
  });
});
