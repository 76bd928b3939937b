import { describe, expect, it } from 'vitest';
import { appendTicket, checkServiceUrl, compileServicePattern } from '../../../src/rules/serviceUrl.ts';

describe('checkServiceUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/wecom/', true],
    ['http://localhost/wecom/a?b=c&d=%20#frag', true],
    ['https://eportal.uestc.edu.cn/new/index.html?browser=no', true],
    ['http://[::1]:8080/wecom/', true],
    ['http://localhost@evil.example/wecom/', false], // user info
    ['http://user:pw@127.0.0.1/wecom/', false],
    ['http://127.0.0.1:8080\\@evil.example/wecom/', false], // backslash
    ['http://127.0.0.1/wecom/../admin', false], // dot segment
    ['http://127.0.0.1/wecom/%2E%2e/admin', false], // encoded dot segment
    ['http://127.0.0.1/wecom/./x', false],
    ['http://127.0.0.1/wecom/ x', false], // space
    ['http://127.0.0.1/wecom/\r\nSet-Cookie:x', false], // header injection
    ['javascript:alert(1)//http://127.0.0.1/wecom/', false],
    ['//127.0.0.1/wecom/', false],
    ['HTTP://127.0.0.1/wecom/', false],
    ['http://127.0.0.1%2eevil.example/wecom/', false],
    ['http://-bad.example/', false],
    ['', false],
    [`http://127.0.0.1/${'a'.repeat(2100)}`, false],
  ])('%s → %s', (url, ok) => expect(checkServiceUrl(url).ok).toBe(ok));
});

describe('appendTicket', () => {
  it.each([
    ['http://a/x', 'http://a/x?ticket=ST-1'],
    ['http://a/x?y=1', 'http://a/x?y=1&ticket=ST-1'],
    ['http://a/x?y=%E4%B8%AD&z=a+b', 'http://a/x?y=%E4%B8%AD&z=a+b&ticket=ST-1'],
    ['http://a/x?', 'http://a/x?ticket=ST-1'],
    ['http://a/x#top', 'http://a/x?ticket=ST-1#top'],
    ['http://a/x?y=1#a?b', 'http://a/x?y=1&ticket=ST-1#a?b'],
  ])('%s → %s', (service, expected) => expect(appendTicket(service, 'ST-1')).toBe(expected));
});

describe('compileServicePattern', () => {
  it.each([
    ['^http://a/.*$', 'ok'],
    ['^https?://a\\.example(:\\d+)?/x/.*$', 'ok'],
    ['http://a/.*$', 'PATTERN_NOT_ANCHORED'],
    ['^http://a/.*', 'PATTERN_NOT_ANCHORED'],
    ['^http://a/.*\\$', 'PATTERN_NOT_ANCHORED'],
    ['^http://a/(.*$', 'PATTERN_INVALID'],
  ])('%s → %s', (pattern, verdict) => {
    const compiled = compileServicePattern(pattern);
    expect(compiled.ok ? 'ok' : compiled.code).toBe(verdict);
  });

  it('matches the whole URL even when the pattern alternates at the top level', () => {
    const compiled = compileServicePattern('^http://a/$|^http://b/$');
    expect(compiled.ok && compiled.regex.test('http://a/')).toBe(true);
    expect(compiled.ok && compiled.regex.test('http://a/.evil')).toBe(false);
  });
});
