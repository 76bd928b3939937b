import type { TextEntry } from '../texts.zh-CN.ts';

/**
 * The help desk's suggested answers (话术), one per situation, in the guide's and the FAQ's words. These are
 * the defaults; admins may rewrite them in the console. {placeholders} are filled in for the caller.
 */
export const consoleScriptTexts = {
  SCRIPTS_TITLE: { kind: 'label', text: () => '话术' },
  SCRIPTS_HELP: { kind: 'label', text: () => '考生来电时，考生页面会按考生所处的情况列出以下建议话术。' },
  SCRIPTS_PLACEHOLDERS: { kind: 'label', text: (p) => `可使用的占位符（显示时替换为考生和学校的信息）：${p.list}` },
  SCRIPTS_BODY: { kind: 'label', text: () => '话术内容' },
  SCRIPTS_SAVE: { kind: 'label', text: () => '保存' },
  SCRIPTS_RESTORE: { kind: 'label', text: () => '恢复默认' },
  SCRIPTS_DEFAULT: { kind: 'label', text: () => '默认话术（依据激活指南和常见问题）' },
  SCRIPTS_EDITED_BY: { kind: 'label', text: (p) => `由 ${p.by} 于 ${p.at} 修改` },
  SCRIPT_SAVED: { kind: 'info', text: () => '话术已保存' },
  SCRIPT_RESTORED: { kind: 'info', text: () => '已恢复默认话术' },
  SCRIPT_BODY_INVALID: { kind: 'error', text: () => '请填写话术内容，不超过1000字' },
  SITUATION_not_a_candidate: { kind: 'label', text: () => '在校生、教职工' },
  SITUATION_locked: { kind: 'label', text: () => '被锁定' },
  SITUATION_mismatch: { kind: 'label', text: () => '信息不匹配' },
  SITUATION_no_code: { kind: 'label', text: () => '收不到验证码' },
  SITUATION_must_reset: { kind: 'label', text: () => '须重置密码' },
  SITUATION_activated: { kind: 'label', text: () => '已激活' },
  SITUATION_in_progress: { kind: 'label', text: () => '激活进行中' },
  SITUATION_not_started: { kind: 'label', text: () => '未开始激活' },
  SCRIPT_not_a_candidate: { kind: 'label', text: () => '您是本校在职在校师生（或延期毕业的本科生），无需进行考生账号激活。1. 曾经激活并且使用过{university}企业微信账号的，无需激活，可直接下载企业微信 APP 使用。2. 从未使用过也未激活过{university}企业微信账号的，请按照《{university}企业号&企业微信激活指南》操作激活。' },
  SCRIPT_locked: { kind: 'label', text: () => '您的账号因多次校验失败已被暂时冻结，预计解冻时间：{unlockTime}。请在解冻后重新操作，并仔细核对填写的信息；如需立即办理，请提供本人证件信息，核验后我们可以为您解除锁定。' },
  SCRIPT_mismatch: { kind: 'label', text: () => '请核对您填写的信息：考生号为15位数字；姓名与报考时一致（少数民族姓名中的“·”请照原样输入）；证件类型请选择报考时使用的证件；证件号码末位的X请大写，不要使用全角字符。如核对无误仍提示“输入信息有误”，可能是您的信息尚未导入或有误，我们将联系研招办核实后回复您。' },
  SCRIPT_no_code: { kind: 'label', text: () => '请确认手机号或邮箱填写正确，手机没有欠费停机、没有拦截短信，邮件请查看垃圾邮件箱。验证码{codeMinutes}分钟内有效，两次获取之间需等待{cooldownSeconds}秒。如果提示发送成功但没有收到短信，请稍后再试，或致电信息中心服务台{helpdeskPhone}。' },
  SCRIPT_must_reset: { kind: 'label', text: () => '为了账号安全，您需要先重新设置密码：请在登录页点击“忘记密码”，通过绑定的手机或邮箱获取验证码后设置新密码，再使用新密码登录。' },
  SCRIPT_activated: { kind: 'label', text: () => '您的账号已经激活，请使用考生号和激活时设置的密码登录。如忘记密码，请在登录页点击“忘记密码”，通过绑定的手机或邮箱找回；手机和邮箱都已不可用的，请提供本人证件信息，核验后我们为您处理。激活完成后请继续按《{university}企业号&企业微信激活指南》激活企业微信。' },
  SCRIPT_in_progress: { kind: 'label', text: () => '您已通过身份校验，请按页面提示继续绑定手机、绑定邮箱并设置密码，密码强度需符合页面提示要求。如页面提示已超时，请从登录页的“账号激活”重新开始。' },
  SCRIPT_not_started: { kind: 'label', text: () => '请在电脑或手机浏览器中打开{university}统一身份认证登录页面，点击下方的【账号激活】；查看激活须知后勾选“我已阅读激活须知”，点击【进入激活】，再按页面提示填写考生号、姓名、证件类型、证件号码进行身份校验。' },
} satisfies Record<string, TextEntry>;
