import { readFileSync, writeFileSync } from 'node:fs';
import type { ClaimRow } from './bench-history-claim.js';
import type { SendRound } from './bench-history-send.js';

const DOC = 'docs/benchmarks.md';
const START = '<!-- bench:history:start -->';
const END = '<!-- bench:history:end -->';

/** A `messages` index: its size (summed over partitions) and what it adds to one insert (NaN: not measured). */
export interface IndexCost {
  index: string;
  bytes: number;
  addsUs: number;
}

/** A table (summed over its partitions): rows, heap and index bytes. */
export interface TableSize {
  table: string;
  rows: string;
  heap: string;
  indexes: string;
  partitions: string;
}

export interface HistoryResult {
  rowsLoaded: number;
  iterations: number;
  seconds: Record<string, number>;
  rows: string[];
  claims: ClaimRow[];
  sends: SendRound[];
  costs: IndexCost[];
  sizes: TableSize[];
}

const MB = 1024 * 1024;

function mb(bytes: number): string {
  return `${(bytes / MB).toLocaleString('en', { maximumFractionDigits: bytes < 10 * MB ? 1 : 0 })} MB`;
}

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

/** The section between the history markers: sizes, lists, claim, send CPU, insert cost per index. */
export function sectionText(result: HistoryResult): string {
  const perMillion = result.rowsLoaded / 1e6;
  const load = Object.entries(result.seconds)
    .map(([step, s]) => `${step} ${s.toFixed(0)} s`)
    .join(', ');
  const lines = [
    START,
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`BENCH_HISTORY_ROWS=${result.rowsLoaded} npm run bench -- history\``,
    `(${result.iterations} runs per shape, PostgreSQL on the same 2 cores, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end).${load ? ` Load: ${load}.` : ''}`,
    '',
    '| table | partitions | rows | heap | indexes | heap per million messages | indexes per million messages |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.sizes.map(
      (s) =>
        `| ${s.table} | ${s.partitions} | ${Number(s.rows).toLocaleString('en')} | ${mb(Number(s.heap))} | ${mb(Number(s.indexes))} | ${mb(Number(s.heap) / perMillion)} | ${mb(Number(s.indexes) / perMillion)} |`,
    ),
  ];
  if (result.rows.length > 0)
    lines.push(
      '',
      '| list | filter | page | p50 ms | p99 ms |',
      '| --- | --- | --- | ---: | ---: |',
      ...result.rows,
    );
  if (result.claims.length > 0)
    lines.push(
      '',
      "The scheduler's claim taken apart. As the scheduler runs it, each claim commits and its rows are rescheduled",
      '(due again) by an untimed statement, as a worker does after its send or poll. The rolled-back runs find the same',
      "rows every time, and step over every earlier run's aborted row versions. CPU is the serving backend's, from",
      "/proc, so it does not grow with other sessions' load as wall time does:",
      '',
      '| claim | rows | p50 ms | p99 ms | backend CPU ms per claim |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...result.claims.map(
        (c) =>
          `| ${c.shape} | ${c.rows} | ${c.p50.toFixed(2)} | ${c.p99.toFixed(2)} | ${c.cpuMs.toFixed(2)} |`,
      ),
    );
  if (result.sends.length > 0) {
    lines.push(
      '',
      'CPU of one `POST /v1/messages` (wessaal-demo, dispatch off) on a fresh database and on the seeded one, alternated:',
      'sync (10 connections; insert, provider call, status update and change) and async (`Prefer: respond-async`, 50',
      'connections; the insert, batched across requests). Node is this process (gateway and the simulator it calls),',
      "PostgreSQL the database's client backends read from /proc every 100 ms (backends that exit count up to their",
      'last reading):',
      '',
      '| send | database | sends | sends/s | Node µs per send | PostgreSQL µs per send | blocks read / hit per send | backends (exited) |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...result.sends.map(
        (s) =>
          `| ${s.mode} | ${s.database} | ${s.sends} | ${s.rps.toFixed(0)} | ${s.nodeUs.toFixed(0)} | ${s.postgresUs.toFixed(0)} | ${s.blocksRead.toFixed(1)} / ${s.blocksHit.toFixed(0)} | ${s.backends} (${s.exited}) |`,
      ),
    );
    for (const mode of ['sync', 'async'] as const) {
      const of = (kind: SendRound['database']) =>
        result.sends.filter((s) => s.mode === mode && s.database === kind);
      const [empty, seeded] = [of('empty'), of('seeded')];
      const ratio = (pick: (s: SendRound) => number) =>
        `${((average(seeded.map(pick)) / average(empty.map(pick)) - 1) * 100).toFixed(1)} %`;
      lines.push(
        `| ${mode}: seeded vs empty (averages) | | | | ${ratio((s) => s.nodeUs)} | ${ratio((s) => s.postgresUs)} | | |`,
        `| ${mode}: seeded vs empty, Node + PostgreSQL | | | | ${ratio((s) => s.nodeUs + s.postgresUs)} | | | |`,
      );
    }
  }
  if (result.costs.length > 0)
    lines.push(
      '',
      'What each `messages` index adds to one single-row insert (5,000 inserts in a DO loop with all indexes and with',
      'that one dropped, rolled back, median of 3 rounds; a few µs either way is noise on this shared machine):',
      '',
      '| index | size | per million messages | adds µs per insert |',
      '| --- | ---: | ---: | ---: |',
      ...result.costs.map(
        (c) =>
          `| ${c.index} | ${c.bytes ? mb(c.bytes) : ''} | ${c.bytes ? mb(c.bytes / perMillion) : ''} | ${Number.isNaN(c.addsUs) ? '-' : c.addsUs.toFixed(0)} |`,
      ),
    );
  lines.push(END);
  return lines.join('\n');
}

/** Replaces the section between the history markers of docs/benchmarks.md (or appends it). */
export function writeSection(result: HistoryResult): void {
  const text = sectionText(result);
  const doc = readFileSync(DOC, 'utf8');
  const at = doc.indexOf(START);
  const updated =
    at >= 0
      ? doc.slice(0, at) + text + doc.slice(doc.indexOf(END) + END.length)
      : `${doc.trimEnd()}\n\n${text}\n`;
  writeFileSync(DOC, updated);
  console.log(`history: wrote ${DOC}`);
}
