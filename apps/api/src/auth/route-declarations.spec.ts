import 'reflect-metadata';
import { PATH_METADATA, METHOD_METADATA, MODULE_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { AppModule } from '../app.module';
import { IS_PUBLIC, ROLES, SCOPE, type ResourceScope } from './auth.decorators';

/** Every controller of the API, found through the module tree as Nest itself would. */
function controllersOf(module: Type<unknown>, seen = new Set<unknown>()): Type<unknown>[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) ?? []) as Type<unknown>[];
  const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as unknown[];
  const nested = imports.flatMap((m) => (typeof m === 'function' ? controllersOf(m as Type<unknown>, seen) : []));
  return [...own, ...nested];
}

const routes = controllersOf(AppModule).flatMap((controller) =>
  Object.getOwnPropertyNames(controller.prototype)
    .filter((name) => name !== 'constructor')
    .map((name) => ({ controller, name, handler: controller.prototype[name] as object }))
    .filter(({ handler }) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .map(({ controller, name, handler }) => ({
      route: `${RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${controller.name}.${name}`,
      path: `${Reflect.getMetadata(PATH_METADATA, controller) as string}/${Reflect.getMetadata(PATH_METADATA, handler) as string}`,
      scope: (Reflect.getMetadata(SCOPE, handler) ?? Reflect.getMetadata(SCOPE, controller)) as
        ResourceScope | undefined,
      isPublic: Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller),
      roles: Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller),
    })),
);

describe('route declarations', () => {
  it('finds the API routes', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it.each(routes.map((r) => [r.route, r] as const))('%s declares who may call it', (_, route) => {
    expect(route.isPublic === true || (Array.isArray(route.roles) && route.roles.length > 0)).toBe(true);
  });

  const withParameters = routes.filter((r) => r.path.includes(':'));

  it('finds the routes with path parameters', () => {
    expect(withParameters.length).toBeGreaterThan(20);
  });

  // Closed by default: the guard refuses a route with a path parameter that declares no scope.
  it.each(withParameters.map((r) => [r.route, r] as const))(
    '%s declares the resource its path names (@Scope or @Unscoped)',
    (_, route) => {
      expect(route.scope).toBeDefined();
      if (route.scope?.kind !== undefined) expect(route.path.split('/')).toContain(`:${route.scope.param}`);
    },
  );
});
