// TRUST_PROXY in express's own syntax: which peers may tell us the client's address in X-Forwarded-For.
import { isIP } from 'node:net';

/** false: no proxy (req.ip is the peer); a number: that many hops; a list: peers with these addresses. */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 100;

function isAddressOrSubnet(token: string): boolean {
  const [address = '', prefix, ...rest] = token.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Parses TRUST_PROXY: unset or `false` trusts no proxy; `N` trusts N hops; otherwise a comma-separated
 * list of loopback, linklocal, uniquelocal, addresses and CIDR subnets. `true` (trust every hop, so any
 * client could choose its own address) is refused. undefined means the value is not valid.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | undefined {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value) <= MAX_HOPS ? Number(value) : undefined;
  const tokens = value.split(',').map((t) => t.trim());
  if (tokens.some((t) => !NAMED_RANGES.has(t) && !isAddressOrSubnet(t))) return undefined;
  return tokens;
}
