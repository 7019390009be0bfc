import { notParsed, parsed, type ParseResult } from '../errors.js';

/**
 * Without channel auth the bot would POST its replies wherever a caller's serviceUrl points.
 * Only hosts on the allowlist (loopback by default) are accepted.
 */
export function checkServiceUrl(serviceUrl: string, allowlist: readonly string[]): ParseResult<URL> {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return notParsed('serviceUrl 不是有效的网址');
  }
  const host = url.hostname.toLowerCase();
  const bare = host.replace(/^\[|\]$/g, '');
  const allowed = allowlist.some((entry) => {
    const e = entry.toLowerCase();
    return e === host || e.replace(/^\[|\]$/g, '') === bare;
  });
  return allowed ? parsed(url) : notParsed(`serviceUrl 的主机 ${host} 不在允许列表中`);
}
