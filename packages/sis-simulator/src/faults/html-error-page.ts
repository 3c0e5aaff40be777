import { STATUS_CODES } from 'node:http';

/** A load balancer's HTML error page, what clients get when a proxy in front of the API fails. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return [
    '<!DOCTYPE html>',
    `<html><head><title>${title}</title></head>`,
    `<body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`,
    '',
  ].join('\r\n');
}
