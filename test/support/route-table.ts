import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export interface AppRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify form: /pairs/:id/diary */
  path: string;
  handler: string;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every route of the application as Nest registered it (controllers of every module), checked against
 * Fastify's own table: tests that must cover "every write endpoint" enumerate this, so a new endpoint is
 * covered without anyone remembering to add it.
 */
export function routeTable(app: INestApplication): AppRoute[] {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[
          Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod
        ] as AppRoute['method'];
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(paths)) {
            const route = { method, path: join(prefix, path), handler: `${controller.name}.${name}` };
            if (!fastify.hasRoute({ method: route.method, url: route.path }))
              throw new Error(`${route.method} ${route.path} is not in Fastify's route table`);
            routes.push(route);
          }
        }
      }
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

export const isWrite = (route: AppRoute) => route.method !== 'GET';

/** The path with every `:param` replaced: by `ids[param]` when given, else by `fallback`. */
export const fillPath = (path: string, ids: Record<string, string>, fallback: string) =>
  path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? fallback);
