import pg from 'pg';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/' + process.argv[2] });
await c.connect();
const sql = `UPDATE messages SET next_action_at = now() + $2 * interval '1 millisecond'
       WHERE id IN (SELECT id FROM messages WHERE next_action_at <= now()
                    ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING *`;
const sel = `SELECT id FROM messages WHERE next_action_at <= now() ORDER BY next_action_at LIMIT $1 FOR UPDATE SKIP LOCKED`;
async function run(label, text, n, commit) {
  const t = [];
  for (let i = 0; i < 35; i++) {
    await c.query('BEGIN');
    const s = performance.now();
    const r = await c.query({ name: label + n, text, values: text === sel ? [n] : [n, 30000] });
    const e = performance.now() - s;
    if (commit) { await c.query('COMMIT'); await c.query(`UPDATE messages SET next_action_at = now() - interval '1 minute' WHERE id = ANY($1)`, [r.rows.map(x => x.id)]); }
    else await c.query('ROLLBACK');
    if (i >= 5) t.push(e);
  }
  t.sort((a, b) => a - b);
  console.log(label, n, commit ? 'commit' : 'rollback', 'p50', t[15].toFixed(2), 'p90', t[27].toFixed(2));
}
for (const n of [1, 8, 20, 32, 64]) await run('select', sel, n, false);
for (const n of [1, 8, 20, 32, 64]) await run('claim', sql, n, false);
for (const n of [1, 8, 20, 32, 64]) await run('claimc', sql, n, true);
await c.end();
