import { jest } from '@jest/globals';
import { SimClock } from './clock.js';

describe('SimClock', () => {
  it('runs scheduled tasks in due order when advanced, not before', () => {
    const clock = new SimClock();
    const ran: string[] = [];
    clock.schedule(300, () => ran.push('c'));
    clock.schedule(100, () => ran.push('a'));
    clock.schedule(200, () => ran.push('b'));
    clock.advance(150);
    expect(ran).toEqual(['a']);
    clock.advance(1_000);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(clock.pending()).toBe(0);
    clock.stop();
  });

  it('keeps insertion order for tasks due at the same time, and lets a task schedule another', () => {
    const clock = new SimClock();
    const ran: number[] = [];
    clock.schedule(10, () => ran.push(1));
    clock.schedule(10, () => {
      ran.push(2);
      clock.schedule(0, () => ran.push(3));
    });
    clock.advance(10);
    clock.advance(0);
    expect(ran).toEqual([1, 2, 3]);
    clock.stop();
  });

  it('cancels a task and survives one that throws', () => {
    const clock = new SimClock();
    const ran: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const cancel = clock.schedule(5, () => ran.push('cancelled'));
    clock.schedule(6, () => {
      throw new Error('boom');
    });
    clock.schedule(7, () => ran.push('after'));
    cancel();
    clock.advance(10);
    expect(ran).toEqual(['after']);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    clock.stop();
  });

  it('moves now() by the offset and reset() returns to wall time', () => {
    const clock = new SimClock();
    const before = clock.now();
    clock.advance(60_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000);
    expect(clock.offset).toBe(60_000);
    clock.reset();
    expect(clock.offset).toBe(0);
  });

  it('fires due tasks on its own in real time', async () => {
    const clock = new SimClock();
    const done = new Promise<string>((resolve) => clock.schedule(20, () => resolve('fired')));
    await expect(done).resolves.toBe('fired');
    clock.stop();
  });
});
