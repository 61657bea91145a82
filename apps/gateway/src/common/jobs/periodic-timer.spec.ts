import { PeriodicTimer } from './periodic-timer.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicTimer', () => {
  it('never overlaps runs, and stop() waits for the run in flight and schedules no other', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let finished = 0;
    const timer = new PeriodicTimer(
      async () => {
        runs++;
        active++;
        maxActive = Math.max(maxActive, active);
        await sleep(30); // longer than the interval: a naive setInterval would overlap
        active--;
        finished++;
      },
      () => 1,
    );
    timer.start(0);
    for (let waited = 0; runs < 3 && waited < 10_000; waited += 5) await sleep(5);
    await timer.stop();
    expect(timer.stopped).toBe(true);
    expect(maxActive).toBe(1);
    expect(finished).toBe(runs); // the run in flight at stop() had ended when stop() resolved
    const runsAtStop = runs;
    await sleep(60);
    expect(runs).toBe(runsAtStop);
  }, 20_000);

  it('stop() also waits for a run started outside the timer', async () => {
    const timer = new PeriodicTimer(
      () => Promise.resolve(),
      () => 1_000,
    );
    let done = false;
    void timer.track(sleep(40).then(() => (done = true)));
    await timer.stop();
    expect(done).toBe(true);
  });
});
