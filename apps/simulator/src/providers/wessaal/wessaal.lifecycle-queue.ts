import type { SimClock } from '../../core/clock.js';

/** Something waiting in the queue; `at` and `seq` are set by `push` (an item is queued once at a time). */
export interface Queued {
  at: number;
  seq: number;
}

/** Items queued with one same delay: they arrive (nearly always) in due order, so a FIFO keeps them sorted. */
class Lane<T extends Queued> {
  items: T[] = [];
  head = 0;

  constructor(readonly delay: number) {}

  get first(): T | undefined {
    return this.items[this.head];
  }

  /** Appends, stepping back past the rare later item (a step chained on an earlier due time). */
  add(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > this.head && before(item, items[i - 1]!)) {
      items[i] = items[i - 1]!;
      i--;
    }
    items[i] = item;
  }

  take(): T {
    const item = this.items[this.head++]!;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1_024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * One account's pending lifecycle steps, with a single `clock.schedule` armed for the earliest. The core clock
 * keeps its tasks in one sorted array (insertion scans from the end), so thousands of messages in flight each
 * holding a clock task would make every send pay for all the others. Here steps wait in FIFO lanes, one per delay
 * value (steps queued with the same delay come due in the order they were queued): a send appends to a lane, and
 * the earliest step is the earliest of a handful of lane heads.
 *
 * Steps chain on their due time (not on "now"), so advancing the clock by a large step runs the whole chain with
 * the timestamps each step would have had in real time. Living on the account's state, the queue goes away with
 * its account on a reset; a clock task of a discarded queue only touches that queue's own (detached) messages.
 */
export class LifecycleQueue<T extends Queued = Queued> {
  /** Lanes by delay, and the same lanes in an array (scanned without allocating an iterator). */
  private readonly laneByDelay = new Map<number, Lane<T>>();
  private readonly lanes: Array<Lane<T>> = [];
  private seq = 0;
  private armedAt = Infinity;
  private firing = false;
  private clock: SimClock | undefined;
  private run: ((item: T) => void) | undefined;

  /** Queues `item` to be handed to `run` at simulator time `at`, `delay` after the step it follows. */
  push(clock: SimClock, item: T, delay: number, at: number, run: (item: T) => void): void {
    this.clock = clock;
    this.run = run;
    item.at = at;
    item.seq = this.seq++;
    let lane = this.laneByDelay.get(delay);
    if (lane === undefined) {
      lane = new Lane<T>(delay);
      this.laneByDelay.set(delay, lane);
      this.lanes.push(lane);
    }
    lane.add(item);
    if (at < this.armedAt && !this.firing) this.arm(at);
  }

  private earliest(): Lane<T> | undefined {
    let best: Lane<T> | undefined;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i]!;
      const first = lane.first;
      if (first !== undefined && (best === undefined || before(first, best.first!))) best = lane;
    }
    return best;
  }

  /** Requests bring their own delays: past a handful of lanes, empty ones go. */
  private prune(): void {
    const lanes = this.lanes;
    if (lanes.length <= 8) return;
    for (let i = lanes.length - 1; i >= 0; i--) {
      if (lanes[i]!.first !== undefined) continue;
      this.laneByDelay.delete(lanes[i]!.delay);
      lanes.splice(i, 1);
    }
  }

  private arm(at: number): void {
    const clock = this.clock!;
    this.armedAt = at;
    clock.schedule(at - clock.now(), () => this.fire(at));
  }

  private fire(at: number): void {
    if (at === this.armedAt) this.armedAt = Infinity;
    const now = this.clock!.now();
    const run = this.run!;
    this.firing = true;
    for (let lane = this.earliest(); lane !== undefined && lane.first!.at <= now; lane = this.earliest()) {
      try {
        run(lane.take());
      } catch (error) {
        console.error('simulator: wessaal lifecycle step failed', error);
      }
    }
    this.firing = false;
    this.prune();
    const next = this.earliest()?.first;
    if (next !== undefined && next.at < this.armedAt) this.arm(next.at);
  }
}

/** Due first; equal times in push order, so one message's steps and messages queued together stay in order. */
function before(a: Queued, b: Queued): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
