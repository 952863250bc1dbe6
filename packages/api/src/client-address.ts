import { BlockList, isIP } from 'node:net';

/**
 * Which address a request came from, for throttling and the audit log (issue #9.2c).
 * `X-Forwarded-For` is written by whoever sent the request, so it is believed only as far as the
 * hops we trust: starting from the socket's peer, each hop that is a configured proxy may name
 * the one before it; the first hop that is not a proxy is the client.
 */
export function clientAddress(peer: string | null, forwardedFor: string | null, trusted: BlockList | null): string | null {
  if (!peer) return null;
  let client = normalizeIp(peer);
  if (!forwardedFor || !trusted) return client;
  const hops = forwardedFor.split(',').map((h) => normalizeIp(h.trim())).filter((h) => isIP(h) !== 0);
  while (isTrusted(client, trusted) && hops.length) client = hops.pop()!;
  return client;
}

export function isTrusted(ip: string, trusted: BlockList | null): boolean {
  const kind = isIP(ip);
  return !!trusted && kind !== 0 && trusted.check(ip, kind === 4 ? 'ipv4' : 'ipv6');
}

/**
 * `LINLI_TRUSTED_PROXIES`: comma-separated addresses or CIDRs (`10.0.0.0/8, ::1`), the reverse
 * proxies in front of the web app. Unset: nobody's forwarded headers are believed.
 */
export function parseTrustedProxies(list: string | undefined): BlockList | null {
  if (!list?.trim()) return null;
  const blocks = new BlockList();
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr = '', bits] = item.split('/');
    const kind = isIP(addr);
    const max = kind === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (kind === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(`LINLI_TRUSTED_PROXIES: not an address or CIDR: "${item}" / 不是有效的地址或网段`);
    }
    blocks.addSubnet(addr, prefix, kind === 4 ? 'ipv4' : 'ipv6');
  }
  return blocks;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalizeIp(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1]! : ip;
}

/** Set by the web server from the socket (never from the client): the peer's address. */
export const PEER_HEADER = 'x-linli-peer';
