import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { EventsService } from './events.service.js';

/** A data source whose NOTIFY statements stay in flight until the test lets each one finish. */
function notifyRecorder() {
  const statements: string[][] = [];
  const finish: Array<() => void> = [];
  const dataSource = {
    isInitialized: true,
    options: {},
    query: (_sql: string, [notices]: [string[]]) => {
      statements.push(notices.map((n) => (JSON.parse(n) as { i: string }).i));
      return new Promise<void>((resolve) => finish.push(resolve));
    },
  } as unknown as DataSource;
  return { dataSource, statements, finishNext: () => finish.shift()?.() };
}

const nextMacrotask = () => new Promise((resolve) => setImmediate(resolve));

describe('EventsService announcing to other processes', () => {
  it('sends the notices of one tick in one NOTIFY statement', async () => {
    const { dataSource, statements } = notifyRecorder();
    const events = new EventsService(dataSource, pino({ level: 'silent' }));
    events.publish('topic', 'tenant', { id: 'a' });
    events.publish('topic', 'tenant', { id: 'b' });
    await nextMacrotask();
    expect(statements).toEqual([['a', 'b']]);
  });

  it('holds notices published while a NOTIFY is in flight and sends them together once it finishes', async () => {
    const { dataSource, statements, finishNext } = notifyRecorder();
    const events = new EventsService(dataSource, pino({ level: 'silent' }));
    events.publish('topic', 'tenant', { id: 'a' });
    await nextMacrotask();
    // Three status writes finishing one after another, each in its own macrotask, while 'a' is being announced.
    for (const id of ['b', 'c', 'd']) {
      events.publish('topic', 'tenant', { id });
      await nextMacrotask();
    }
    expect(statements).toEqual([['a']]);
    finishNext();
    await nextMacrotask();
    expect(statements).toEqual([['a'], ['b', 'c', 'd']]);
    finishNext();
    await nextMacrotask();
    expect(statements).toHaveLength(2);
  });

  it('delivers to its own subscribers at once, before any statement', async () => {
    const { dataSource, statements } = notifyRecorder();
    const events = new EventsService(dataSource, pino({ level: 'silent' }));
    const stream = events.subscribe<{ id: string }>('topic', 'tenant');
    const first = stream.next();
    await nextMacrotask();
    events.publish('topic', 'other-tenant', { id: 'x' });
    events.publish('topic', 'tenant', { id: 'y' });
    await expect(first).resolves.toEqual({ done: false, value: { id: 'y' } });
    expect(statements).toEqual([]);
    await stream.return(undefined);
  });
});
