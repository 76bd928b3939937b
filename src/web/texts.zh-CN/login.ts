import type { TextEntry } from '../texts.zh-CN.ts';

/** The login page as the real Wisedu one: its tabs, 短信登录, 7天免登录 and the privacy agreement. */
export const loginTexts = {
  LOGIN_TAB_ACCOUNT: { kind: 'label', text: () => '账号登录' },
  LOGIN_TAB_SMS: { kind: 'label', text: () => '短信登录' },
  LOGIN_TABS_LABEL: { kind: 'label', text: () => '登录方式' },
  REMEMBER_ME: { kind: 'label', text: () => '7天免登录' },

  // 《隐私协议》: the checkbox the real page's script insists on (WIS-login.js), and the agreement itself
  PRIVACY_REQUIRED: { kind: 'error', text: () => '请先确认《隐私协议》内容。' },
  PRIVACY_AGREE: { kind: 'label', text: () => '我已阅读并同意' },
  PRIVACY_LINK: { kind: 'label', text: () => '《隐私协议》' },
  PRIVACY_TITLE: { kind: 'label', text: () => '隐私协议' },
  PRIVACY_1: { kind: 'label', text: (p) => `${p.university}统一身份认证平台（以下简称“本平台”）为校内各业务系统提供统一登录服务。使用本平台即表示您同意本协议。` },
  PRIVACY_2: { kind: 'label', text: () => '本平台收集并保存您的账号、姓名、证件信息、绑定的手机号和邮箱，以及登录时间、登录地址和访问的应用，用于身份认证、密码找回、安全验证和信息通知。' },
  PRIVACY_3: { kind: 'label', text: () => '您的密码仅以不可逆的加密形式保存；验证码仅以加密摘要保存，过期即失效。' },
  PRIVACY_4: { kind: 'label', text: () => '本平台仅向您登录的应用提供该应用所需的账号信息，不向其他任何第三方提供您的个人信息，法律法规另有规定的除外。' },
  PRIVACY_5: { kind: 'label', text: (p) => `如对本协议或您的个人信息有疑问，请联系信息中心服务台（电话：${p.phone}，邮箱：${p.email}）。` },
  PRIVACY_SIMULATOR: { kind: 'info', text: () => '本页面为仿真训练环境中的示例协议，并非学校正式文本。' },

  // UESTC's slider captcha (the image captcha stays for pages without JavaScript)
  SLIDER_TITLE: { kind: 'label', text: () => '请完成安全验证' },
  SLIDER_HINT: { kind: 'label', text: () => '向右拖动滑块填充拼图' },
  SLIDER_HANDLE: { kind: 'label', text: () => '拖动滑块（也可用左右方向键移动，回车确认）' },
  SLIDER_FAILED: { kind: 'error', text: () => '验证失败，请重新拖动滑块' },
  SLIDER_PASSED: { kind: 'info', text: () => '验证通过' },
  SLIDER_REFRESH: { kind: 'label', text: () => '换一张' },
  SLIDER_CLOSE: { kind: 'label', text: () => '关闭' },
  SLIDER_PICTURE_ALT: { kind: 'label', text: () => '拼图验证码' },

  // 短信登录 (动态码登录)
  LOGIN_MOBILE_PLACEHOLDER: { kind: 'label', text: () => '请输入绑定的手机号' },
  LABEL_DYNAMIC_CODE: { kind: 'label', text: () => '短信验证码' },
  PLACEHOLDER_DYNAMIC_CODE: { kind: 'label', text: () => '请输入6位短信验证码' },
  TIP_SMS_LOGIN: { kind: 'label', text: () => '使用账号绑定的手机号接收短信验证码登录。' },
  DYNAMIC_CODE_REQUIRED: { kind: 'error', text: () => '请输入短信验证码' },
  PURPOSE_login: { kind: 'label', text: () => '登录统一身份认证' },
  PHONE_NOT_BOUND: { kind: 'error', text: () => '该手机号未绑定已激活的账号，未发送短信（页面仍显示已发送，以免泄露绑定关系）' },
  EVENT_LOGIN_CODE_SENT: { kind: 'label', text: () => '短信登录：获取验证码' },
} satisfies Record<string, TextEntry>;
