import { applyDecorators, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@mentorflow/domain';
import { Roles, Scope, Unscoped, type ScopeKind } from '../auth/auth.decorators';
import { UuidParam } from './id-param';

/**
 * The endpoints' decorators: each composite stands for the stack every controller method wrote out — the
 * scope of its path parameter, the HTTP method and path, the status, who may call it and the OpenAPI summary.
 */

/** A controller of the token-protected API: its OpenAPI tag, bearer auth and path prefix. */
export const ApiController = (tag: string, prefix?: string): ClassDecorator =>
  applyDecorators(ApiTags(tag), ApiBearerAuth(), prefix === undefined ? Controller() : Controller(prefix));

/**
 * The resource an endpoint's `:id` names (@Scope: the guard checks the caller's organisation), or
 * `'unscoped'` where it names none (@Unscoped); none for a path without a parameter.
 */
export type EndpointScope = ScopeKind | 'unscoped';

const endpoint = (
  route: MethodDecorator,
  roles: readonly Role[],
  summary: string,
  scope: EndpointScope | undefined,
  status?: number,
): MethodDecorator =>
  applyDecorators(
    ...(scope === undefined ? [] : [scope === 'unscoped' ? Unscoped() : Scope(scope)]),
    route,
    ...(status === undefined ? [] : [HttpCode(status)]),
    Roles(...roles),
    ApiOperation({ summary }),
  );

/** GET `path`. */
export const Read = (path: string, roles: readonly Role[], summary: string, scope?: EndpointScope) =>
  endpoint(Get(path), roles, summary, scope);

/** POST `path` that creates something: Nest's 201. */
export const Create = (path: string, roles: readonly Role[], summary: string, scope?: EndpointScope) =>
  endpoint(Post(path), roles, summary, scope);

/** POST `path` that acts on an existing resource: 200 (or `status`), nothing is created. */
export const Command = (path: string, roles: readonly Role[], summary: string, scope?: EndpointScope, status = 200) =>
  endpoint(Post(path), roles, summary, scope, status);

/** PUT `path`: sets (creates or replaces) the resource the path names; 200. */
export const Replace = (path: string, roles: readonly Role[], summary: string, scope?: EndpointScope) =>
  endpoint(Put(path), roles, summary, scope, 200);

/** DELETE `path`: 200 with what is left (Nest's default for DELETE). */
export const Remove = (path: string, roles: readonly Role[], summary: string, scope?: EndpointScope) =>
  endpoint(Delete(path), roles, summary, scope, 200);

/** A path parameter that must be a UUID (400 naming it otherwise); `anyVersion`: any 8-4-4-4-12 hex id. */
export const IdParam = (name = 'id', anyVersion = false): ParameterDecorator => Param(name, UuidParam(anyVersion));
