import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * scripts/lib/temporal-dev-server.mjs (how `npm start` runs the Temporal dev server) is plain ESM, which
 * Jest's CommonJS registry cannot import: it is called through a short-lived Node process instead.
 */
function call(expression: string): unknown {
  const url = pathToFileURL(join(__dirname, '..', '..', '..', 'scripts', 'lib', 'temporal-dev-server.mjs')).href;
  const script = `import(${JSON.stringify(url)}).then((m) => process.stdout.write(JSON.stringify(${expression})))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('the Temporal dev server of npm start', () => {
  const options = "{ port: 7233, uiPort: 8233, codecPort: 8888, dbFile: '/data/temporal.db'";

  it('runs without its Web UI by default: the embedded UI cannot be made read-only', () => {
    const args = call(`m.temporalDevServerArgs(${options}, ui: m.temporalUiWanted({}) })`) as string[];
    expect(args).toContain('--headless');
    expect(args.join(' ')).not.toMatch(/--ui-(port|ip|codec-endpoint)/);
    expect(args.join(' ')).toContain('--ip 127.0.0.1 --port 7233');
  });

  it('starts the UI on 127.0.0.1 with the codec endpoint only when MENTORFLOW_TEMPORAL_UI=true', () => {
    expect(
      call(
        "[m.temporalUiWanted({ MENTORFLOW_TEMPORAL_UI: 'true' }), m.temporalUiWanted({ MENTORFLOW_TEMPORAL_UI: '1' }), m.temporalUiWanted({ MENTORFLOW_TEMPORAL_UI: 'false' }), m.temporalUiWanted({ MENTORFLOW_TEMPORAL_UI: '' })]",
      ),
    ).toEqual([true, true, false, false]);
    const args = (call(`m.temporalDevServerArgs(${options}, ui: true })`) as string[]).join(' ');
    expect(args).not.toContain('--headless');
    expect(args).toContain('--ui-ip 127.0.0.1 --ui-port 8233 --ui-codec-endpoint http://127.0.0.1:8888');
  });

  it('shows its output line by line while it runs and none once npm start stops (its shutdown warnings)', () => {
    const shown = call(
      "(() => { const out = []; let running = true; const copy = m.devServerOutput((l) => out.push(l), () => running); copy('time=1 level=WARN msg=a\\ntime=2 '); copy('level=WARN msg=b\\n'); running = false; copy('time=3 level=WARN msg=\"unable to poll\"\\n'); return out; })()",
    );
    expect(shown).toEqual(['time=1 level=WARN msg=a\n', 'time=2 level=WARN msg=b\n']);
  });
});
