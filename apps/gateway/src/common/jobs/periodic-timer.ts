/**
 * The timer of a background job that runs now and then in every gateway process: one run at a time (the next is
 * scheduled when the last has ended, so a slow run is never overlapped), unref'd (it never keeps a process alive),
 * and a stop that waits for the run in flight, so the job's last statements meet an open database.
 */
export class PeriodicTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private halted = false;

  /** `run` must not throw (it logs its own failures); `intervalMs` is read before each wait. */
  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly intervalMs: () => number,
  ) {}

  /** True once stop() was called: long runs check it between their steps. */
  get stopped(): boolean {
    return this.halted;
  }

  /** The first run after `firstDelayMs`, then one every interval after the previous ended. */
  start(firstDelayMs: number): void {
    if (this.halted) return;
    this.timer = setTimeout(() => {
      void this.track(this.run()).finally(() => this.start(this.intervalMs()));
    }, firstDelayMs);
    this.timer.unref();
  }

  /** Remembers a run started outside the timer (at boot, or on demand) so stop() waits for it too. */
  track<T>(run: Promise<T>): Promise<T> {
    this.running = run;
    return run;
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.running.catch(() => undefined);
  }
}
