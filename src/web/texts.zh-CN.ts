// Every text a user sees, keyed by the code the UI, the audit log and the API share; one table per locale,
// written in one file per feature below texts.zh-CN/. An English table can sit beside it with the same keys.
import { activationTexts } from './texts.zh-CN/activation.ts';
import { casTexts } from './texts.zh-CN/cas.ts';
import { commonTexts } from './texts.zh-CN/common.ts';
import { consoleTexts } from './texts.zh-CN/console.ts';
import { loginTexts } from './texts.zh-CN/login.ts';
import { limitsTexts } from './texts.zh-CN/limits.ts';
import { wecomTexts } from './texts.zh-CN/wecom.ts';
import { serviceRegistryTexts } from './texts.zh-CN/serviceRegistry.ts';

export type TextParams = Record<string, string | number | undefined>;
export type TextEntry = { kind: 'error' | 'info' | 'label'; text: (p: TextParams) => string };

export const zhCN = { ...commonTexts, ...activationTexts, ...consoleTexts, ...casTexts, ...loginTexts, ...limitsTexts, ...wecomTexts, ...serviceRegistryTexts };

export type TextCode = keyof typeof zhCN;
