/** Longest body excerpt kept in an error. */
const excerptLength = 500;

/** True when a body is an HTML page (an error page of a proxy, a login page, a wrong base URL). */
export function isHtmlBody(contentType: string | null, text: string): boolean {
  if (contentType?.toLowerCase().includes('text/html')) return true;
  return /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

/**
 * A short, single-line excerpt of a response body for an error message. HTML pages are reduced to their
 * `<title>` (or their text), so errors say "HTML page: 502 Bad Gateway" instead of markup.
 */
export function createBodyExcerpt(contentType: string | null, text: string): string {
  if (isHtmlBody(contentType, text)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
    const content = (
      title ?? text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/gi, ' ')
    )
      .replace(/\s+/g, ' ')
      .trim();
    return `HTML page: ${truncate(content)}`;
  }
  return truncate(text.replace(/\s+/g, ' ').trim());
}

function truncate(text: string): string {
  return text.length > excerptLength ? `${text.slice(0, excerptLength)}…` : text;
}

/** Reads a body as text without throwing; a body that cannot be read gives `''`. */
export async function readBodyText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}
