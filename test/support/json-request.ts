/** fetch() options for a call of the API: the bearer token, the JSON body and `headers`, each only when given. */
export const jsonRequestInit = (
  method: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit => ({
  method,
  headers: {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body ? { 'content-type': 'application/json' } : {}),
    ...headers,
  },
  body: body ? JSON.stringify(body) : undefined,
});
