import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { makePortal } from '../../support/portal.ts';
import { A } from '../../support/activation.ts';

const PAGES = ['/authserver/login', A, '/retrieve-password/passwordRetrieve', '/guide/wecom', '/no/such/page'];

describe('the guide\'s own words on every page', () => {
  it.each(PAGES)('%s: the footer gives the service desk\'s hours, phone and email as the guide\'s poster does', async (path) => {
    const portal = makePortal();
    const page = await request(portal.app).get(path);
    const footer = /<footer class="footer">([\s\S]*?)<\/footer>/.exec(page.text)?.[1] ?? '';
    expect(footer).toContain('<p><strong>信息中心服务台</strong></p>\n    <p>机器人客服24小时在线，人工客服工作日上班时段在线</p>');
    expect(footer).toContain('电话咨询：028-61831184　邮件咨询：iservice@uestc.edu.cn');
  });

  it('takes the service desk from the configuration', async () => {
    const portal = makePortal({ HELPDESK_PHONE: '010-12345678', HELPDESK_EMAIL: 'help@example.edu.cn' });
    const page = await request(portal.app).get('/authserver/login');
    expect(page.text).toContain('电话咨询：010-12345678　邮件咨询：help@example.edu.cn');
  });

  it('calls the account field 账号 on the login and 忘记密码 forms, with one placeholder', async () => {
    const portal = makePortal();
    for (const path of ['/authserver/login', '/retrieve-password/passwordRetrieve']) {
      const page = await request(portal.app).get(path);
      expect(page.text, path).toMatch(/<label for="username">账号<\/label>/);
      expect(page.text, path).toContain('placeholder="请输入学号/工号/考生号"');
      expect(page.text, path).not.toContain('用户名');
    }
  });

  it('shows 激活须知 as a plain section, not a scrolling box', async () => {
    const portal = makePortal();
    const page = await request(portal.app).get(A);
    expect(page.text).toContain('<section class="notice-box" aria-labelledby="notice-title">');
    const css = await request(portal.app).get('/public/css/portal.css');
    const rule = /\.notice-box \{([^}]*)\}/.exec(css.text)?.[1] ?? '';
    expect(rule).not.toMatch(/max-height|overflow/);
  });
});
