import type { IncomingHttpHeaders } from 'node:http';

/** What a simulator route answers: status, headers and a complete body. */
export interface HttpAnswer {
  status: number;
  headers?: Record<string, string | string[]>;
  body: string;
}

/** One parsed incoming request, as the simulator's routes see it. */
export interface HttpRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the route. */
  path: string;
  /** Path with the query string, exactly as the client sent it. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The request body (form posts to token endpoints); empty for GET. */
  body: string;
  /** The origin the client used, from the `Host` header, e.g. `http://127.0.0.1:4312`. */
  origin: string;
}

/** A JSON answer. */
export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}
