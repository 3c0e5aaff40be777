import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from '../../faults/fault.js';
import type { FaultSchedule } from '../../faults/fault-schedule.js';
import { htmlErrorPage } from '../../faults/html-error-page.js';
import type { RequestLog } from '../../faults/request-log.js';
import type { HttpAnswer, HttpRequest } from './http-answer.js';

/** How a protocol answers the faults that replace a response, in its own error format. */
export interface ProtocolFaultAnswers {
  status(status: number): HttpAnswer;
  rateLimited(retryAfterSeconds: number): HttpAnswer;
  /** Revokes the tokens in use and returns the protocol's 401. */
  expireToken(): HttpAnswer;
  /** The route's successful list answer emptied (`empty-page`); any other answer is returned as it is. */
  emptyPage(answer: HttpAnswer): HttpAnswer;
}

export interface StartHttpServerOptions {
  handle: (request: HttpRequest) => HttpAnswer | Promise<HttpAnswer>;
  faults: FaultSchedule;
  faultAnswers: ProtocolFaultAnswers;
  log: RequestLog;
  now: () => number;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
}

export interface RunningHttpServer {
  /** e.g. `http://127.0.0.1:4312` */
  url: string;
  port: number;
  /** Stops listening and closes every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** Form bodies of token requests are small; anything larger is a client bug. */
const maximumBodyBytes = 64 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maximumBodyBytes) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The answer that replaces the route's, when a fault says so (the first replacing fault wins). */
function replacingAnswer(firing: Fault[], answers: ProtocolFaultAnswers): HttpAnswer | undefined {
  for (const fault of firing) {
    switch (fault.kind) {
      case 'expire-token':
        return answers.expireToken();
      case 'rate-limit-burst': {
        const answer = answers.rateLimited(fault.retryAfterSeconds);
        return {
          ...answer,
          headers: { ...answer.headers, 'retry-after': String(fault.retryAfterSeconds) },
        };
      }
      case 'status':
        return fault.body === undefined
          ? answers.status(fault.status)
          : { status: fault.status, headers: { 'content-type': 'text/plain' }, body: fault.body };
      case 'html-error-page': {
        const status = fault.status ?? 502;
        return {
          status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          body: htmlErrorPage(status),
        };
      }
      default:
        break;
    }
  }
  return undefined;
}

/**
 * Starts a node:http server on loopback for one simulator protocol: parses each request, applies the
 * scheduled faults, calls the route, logs the outcome. `close()` also ends idle keep-alive sockets so test
 * runs never hang.
 */
export async function startHttpServer(options: StartHttpServerOptions): Promise<RunningHttpServer> {
  const { handle, faults, faultAnswers, log, now } = options;

  async function serve(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const time = now();
    const url = incoming.url ?? '/';
    const questionMark = url.indexOf('?');
    const path = questionMark === -1 ? url : url.slice(0, questionMark);
    const method = (incoming.method ?? 'GET').toUpperCase();
    const firing = faults.take({ protocol: 'http', method, path, url });
    const entry = {
      protocol: 'http' as const,
      method,
      path,
      url,
      status: 0,
      time,
      faults: firing.map((fault) => fault.kind),
    };
    try {
      for (const fault of firing) if (fault.kind === 'delay') await sleep(fault.ms);
      let answer = replacingAnswer(firing, faultAnswers);
      if (!answer) {
        const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(incoming);
        answer = await handle({
          method,
          path,
          url,
          query: new URLSearchParams(questionMark === -1 ? '' : url.slice(questionMark + 1)),
          headers: incoming.headers,
          body,
          origin: `http://${incoming.headers.host ?? `127.0.0.1:${port}`}`,
        });
        if (firing.some((fault) => fault.kind === 'empty-page')) answer = faultAnswers.emptyPage(answer);
      }
      entry.status = answer.status;
      const bytes = Buffer.from(answer.body, 'utf8');
      response.writeHead(answer.status, { ...answer.headers, 'content-length': String(bytes.length) });
      if (firing.some((fault) => fault.kind === 'drop-connection-mid-body')) {
        // Half the body, then the socket goes away: the client sees a truncated response.
        response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => incoming.socket.destroy());
        return;
      }
      response.end(method === 'HEAD' ? undefined : bytes);
    } catch (error) {
      entry.status = 500;
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: `simulator failure: ${(error as Error).message}` }));
      } else {
        response.destroy();
      }
    } finally {
      log.add(entry);
    }
  }

  const server = createServer((incoming, response) => {
    void serve(incoming, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
