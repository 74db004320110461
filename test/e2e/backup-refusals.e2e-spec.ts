import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What `npm run backup`/`restore` refuse before touching anything (the backup and restore themselves are proven on the
 * production topology in test/cluster/backup-restore.cluster-spec.ts). This suite's PostgreSQL is the dev topology's:
 * Temporal keeps its history elsewhere, so a backup of it alone would be a trap.
 */
describe('backup and restore refusals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentorflow-backup-refusal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, [script, ...args], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env },
      encoding: 'utf8',
    });

  it('refuses to back up a server that does not hold the Temporal databases, saying why and writing nothing', () => {
    const out = join(dir, 'backup');
    const result = run('scripts/backup.mjs', ['--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/holds no temporal, temporal_visibility/);
    expect(result.stderr).toMatch(/start:cluster/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to restore from a directory that is not a backup, and creates no data directory', () => {
    const target = join(dir, 'restored');
    const result = run('scripts/restore.mjs', [dir, '--data-dir', target]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a mentorflow backup/);
    expect(existsSync(target)).toBe(false);
  });
});
