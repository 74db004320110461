/** fetch() options for a call of the API: the bearer token and the JSON body, each only when given. */
export const jsonRequestInit = (method: string, token?: string, body?: unknown): RequestInit => ({
  method,
  headers: {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body ? { 'content-type': 'application/json' } : {}),
  },
  body: body ? JSON.stringify(body) : undefined,
});
