import { allProjections } from './all-projections';
import { projectionByName, rebuildArguments, UnknownProjectionError } from './projection-by-name';
import { tasksProjection } from './tasks/tasks.projection';

describe('naming a projection on the command line', () => {
  const names = allProjections.map((p) => p.name);

  it('finds each projection by its name', () => {
    for (const projection of allProjections) expect(projectionByName(projection.name)).toBe(projection);
    expect(rebuildArguments(['tasks'])).toBe(tasksProjection);
  });

  it('refuses an unknown name and lists the names there are', () => {
    expect(() => rebuildArguments(['task'])).toThrow(UnknownProjectionError);
    expect(() => rebuildArguments(['task'])).toThrow(
      `Unknown projection "task"; the projections are: ${names.join(', ')}`,
    );
  });

  it('asks for a name when none is given', () => {
    expect(() => rebuildArguments([])).toThrow(`Name one projection: ${names.join(', ')}`);
  });

  it('takes one name only', () => {
    expect(() => rebuildArguments(['tasks', 'pairs'])).toThrow('Unknown projection "tasks pairs"');
  });

  it('has unique names', () => expect(new Set(names).size).toBe(names.length));
});
