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
    // Path confusion: each of these reaches /new/ (or above) on some server while matching /wecom/.
    ['http://127.0.0.1/wecom/..;/new/index.html', false], // Tomcat drops ;… path parameters
    ['http://127.0.0.1/wecom/x;jsessionid=1/y', false],
    ['http://127.0.0.1/wecom/;/../new/', false],
    ['http://127.0.0.1/wecom/..%2fnew/', false], // encoded slash
    ['http://127.0.0.1/wecom/..%2Fnew/', false],
    ['http://127.0.0.1/wecom%2f..%2fnew/', false],
    ['http://127.0.0.1/wecom/%2f../new/', false],
    ['http://127.0.0.1/wecom/%2e%2e/new/', false],
    ['http://127.0.0.1/wecom/%2e./new/', false],
    ['http://127.0.0.1/wecom/.%2e/new/', false],
    ['http://127.0.0.1/wecom/%2E/x', false],
    ['http://127.0.0.1/wecom/..%5cnew/', false], // encoded backslash
    ['http://127.0.0.1/wecom/%5C..%5Cnew/', false],
    ['http://127.0.0.1/wecom/%252e%252e/new/', false], // double encoding
    ['http://127.0.0.1/wecom/..%252fnew/', false],
    ['http://127.0.0.1/wecom/%c0%ae%c0%ae/new/', false], // overlong UTF-8
    ['http://127.0.0.1/wecom/..%00/new/', false],
    ['http://127.0.0.1/wecom/.../new/', false],
    ['http://127.0.0.1/wecom/../', false],
    ['http://127.0.0.1/wecom/%zz/', false],
    ['http://127.0.0.1/wecom/a..b/c.d/%E4%B8%AD?next=../x;y', true], // dots inside names, and the query, are fine
    ['http://127.0.0.1/wecom/app?x=%2e%2e%2f', true],
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
    ['^http://a/(?:127\\.0\\.0\\.1|localhost)(?::[0-9]{1,5})?/wecom/.*$', 'ok'],
    ['^(?:http|https)://([a-z0-9-]+\\.)*example\\.com/.*$', 'ok'],
    ['^(a+)+$', 'PATTERN_UNSAFE'], // nested quantifiers: time doubles with each character
    ['^http://a/([a-z0-9]+)*$', 'PATTERN_UNSAFE'],
    ['^http://a/(a|a)*$', 'PATTERN_UNSAFE'], // overlapping alternatives
    ['^http://a/\\d*\\d*\\d*$', 'PATTERN_UNSAFE'], // polynomial
    ['^http://a/.*x.*y.*$', 'PATTERN_UNSAFE'],
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
