interface Task {
  dueAt: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

function before(a: Task, b: Task): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
}

/** A binary min-heap by (dueAt, seq): thousands of in-flight messages each schedule their next step. */
class TaskHeap {
  private items: Task[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Task | undefined {
    return this.items[0];
  }

  push(task: Task): void {
    const items = this.items;
    items.push(task);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Task | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && before(items[l]!, items[smallest]!)) smallest = l;
        if (r < items.length && before(items[r]!, items[smallest]!)) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest]!, items[i]!];
        i = smallest;
      }
    }
    return top;
  }

  clear(): void {
    this.items = [];
  }
}

/**
 * The simulator's clock: wall time plus an offset that `POST /__admin/clock/advance` moves forward. Everything that
 * happens "later" (message lifecycle, OTP expiry, webhook retention, delayed settings) is scheduled here, so a test
 * can jump ahead instead of sleeping.
 */
export class SimClock {
  private offsetMs = 0;
  private seq = 0;
  private readonly tasks = new TaskHeap();
  private cancelled = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Runs `run` once `delayMs` of simulator time has passed. Returns a cancel function. */
  schedule(delayMs: number, run: () => void): () => void {
    const task: Task = { dueAt: this.now() + Math.max(0, delayMs), seq: this.seq++, run, cancelled: false };
    this.tasks.push(task);
    this.arm();
    return () => {
      if (task.cancelled) return;
      task.cancelled = true;
      this.cancelled++;
    };
  }

  /** Moves simulator time forward and runs, in order, everything that became due. */
  advance(ms: number): void {
    this.offsetMs += ms;
    this.runDue();
  }

  /** Back to wall time with nothing scheduled (used by a full reset). */
  reset(): void {
    this.offsetMs = 0;
    this.stop();
  }

  /** Tasks still to run. */
  pending(): number {
    return this.tasks.size - this.cancelled;
  }

  stop(): void {
    this.tasks.clear();
    this.cancelled = 0;
    this.disarm();
  }

  private runDue(): void {
    const now = this.now();
    for (let task = this.tasks.peek(); task && task.dueAt <= now; task = this.tasks.peek()) {
      this.tasks.pop();
      if (task.cancelled) {
        this.cancelled--;
        continue;
      }
      try {
        task.run();
      } catch (error) {
        // A failing task must not stop the clock for everyone else.
        console.error('simulator: scheduled task failed', error);
      }
    }
    this.arm();
  }

  private arm(): void {
    const next = this.tasks.peek();
    if (!next) return this.disarm();
    if (this.timer && this.timerDueAt <= next.dueAt) return;
    this.disarm();
    this.timerDueAt = next.dueAt;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerDueAt = Infinity;
        this.runDue();
      },
      Math.min(2 ** 31 - 1, Math.max(0, next.dueAt - this.now())),
    );
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = Infinity;
  }
}
