import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/' + process.argv[2] });
await c.connect();
const sql = `UPDATE messages SET next_action_at = now() + $2 * interval '1 millisecond'
       WHERE id IN (SELECT id FROM messages WHERE next_action_at <= now()
                    ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`;
const { rows: idx } = await c.query(`SELECT indexname FROM pg_indexes WHERE tablename='messages' AND indexname LIKE 'IDX_%' AND indexname <> 'IDX_1198e8a04a2dd909e47d47f930'`);
async function run(label, drops) {
  const t = [];
  for (let i = 0; i < 25; i++) {
    await c.query('BEGIN');
    for (const d of drops) await c.query(`DROP INDEX "${d}"`);
    const s = performance.now();
    await c.query(sql, [64, 30000]);
    const e = performance.now() - s;
    await c.query('ROLLBACK');
    if (i >= 5) t.push(e);
  }
  t.sort((a, b) => a - b);
  console.log(label, 'p50', t[10].toFixed(2), 'p90', t[18].toFixed(2));
}
await run('all', []);
await run('pk+partial only', idx.map(r => r.indexname));
for (const r of idx) await run('without ' + r.indexname, [r.indexname]);
await run('all', []);
await c.end();
