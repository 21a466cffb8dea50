/** Lists of addresses and CIDR ranges: trusted proxies, the SSO proxy. */
import { BlockList, isIP } from 'node:net';

/**
 * Addresses and CIDR ranges (IPv4 or IPv6, e.g. `10.0.0.0/8`, `::1`) as a list to check
 * connections against. Throws a TypeError naming the first entry that is neither.
 */
export function addressList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.trim().split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (family === 0 || extra !== undefined || (bits !== undefined && (!/^\d{1,3}$/.test(prefix!) || bits > (family === 4 ? 32 : 128)))) {
      throw new TypeError(`"${entry}" is not an address or a CIDR range like 10.0.0.0/8.`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/** Whether an address is in the list; an IPv4 address seen through an IPv6 socket (`::ffff:10.0.0.1`) counts as IPv4. */
export function addressIn(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  return mapped ? list.check(mapped, 'ipv4') : list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
