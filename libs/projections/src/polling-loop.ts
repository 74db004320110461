/**
 * Runs `work` again and again, each run `delayAfter(its result)` ms after the previous one ends, until
 * stopped; stopping waits for the run in flight. The projector and the notification dispatcher poll so.
 */
export class PollingLoop<T> {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<T>,
    private readonly delayAfter: (result: T | undefined) => number,
  ) {}

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      let result: T | undefined;
      this.running = this.work()
        .then((value) => void (result = value))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.delayAfter(result));
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
