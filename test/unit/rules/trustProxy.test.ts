import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../src/rules/trustProxy.ts';

describe('parseTrustProxy (TRUST_PROXY, in express syntax)', () => {
  it.each([
    [undefined, false], // the default: no proxy, req.ip is the peer
    ['', false],
    ['false', false],
    ['0', 0],
    ['1', 1],
    ['loopback', ['loopback']],
    ['loopback, uniquelocal', ['loopback', 'uniquelocal']],
    ['10.0.0.0/8,192.168.1.10', ['10.0.0.0/8', '192.168.1.10']],
    ['::1, fd00::/8', ['::1', 'fd00::/8']],
    ['true', undefined], // every hop trusted: any client could name its own address
    ['yes', undefined],
    ['loopback,', undefined],
    ['10.0.0.0/33', undefined],
    ['fd00::/129', undefined],
    ['10.0.0.0/8/8', undefined],
    ['300.1.1.1', undefined],
    ['101', undefined],
    ['-1', undefined],
  ])('%j → %j', (raw, parsed) => expect(parseTrustProxy(raw)).toEqual(parsed));
});
