import { devServerOutput, temporalDevServerArgs, temporalUiWanted } from '../../../scripts/lib/temporal-dev-server.cjs';

describe('the Temporal dev server of npm start, the benchmarks and the soak tests', () => {
  const options = { port: 7233, uiPort: 8233, codecPort: 8888, dbFile: '/data/temporal.db' };

  it('runs without its Web UI by default: the embedded UI cannot be made read-only', () => {
    const args = temporalDevServerArgs({ ...options, ui: temporalUiWanted({}) });
    expect(args).toContain('--headless');
    expect(args.join(' ')).not.toMatch(/--ui-(port|ip|codec-endpoint)/);
    expect(args.join(' ')).toContain('--ip 127.0.0.1 --port 7233 --db-filename /data/temporal.db --log-level warn');
  });

  it('starts the UI on 127.0.0.1 with the codec endpoint only when MENTORFLOW_TEMPORAL_UI=true', () => {
    expect(['true', '1', 'false', ''].map((value) => temporalUiWanted({ MENTORFLOW_TEMPORAL_UI: value }))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const args = temporalDevServerArgs({ ...options, ui: true }).join(' ');
    expect(args).not.toContain('--headless');
    expect(args).toContain('--ui-ip 127.0.0.1 --ui-port 8233 --ui-codec-endpoint http://127.0.0.1:8888');
  });

  it('keeps its state in memory without a file, at the log level asked for', () => {
    const args = temporalDevServerArgs({ port: 7233, logLevel: 'error' }).join(' ');
    expect(args).not.toContain('--db-filename');
    expect(args).toContain('--log-level error');
    expect(args).toContain('--headless');
  });

  it('shows its output line by line while it runs and none once npm start stops (its shutdown warnings)', () => {
    const shown: string[] = [];
    let running = true;
    const copy = devServerOutput(
      (line) => shown.push(line),
      () => running,
    );
    copy('time=1 level=WARN msg=a\ntime=2 ');
    copy('level=WARN msg=b\n');
    running = false;
    copy('time=3 level=WARN msg="unable to poll"\n');
    expect(shown).toEqual(['time=1 level=WARN msg=a\n', 'time=2 level=WARN msg=b\n']);
  });
});
