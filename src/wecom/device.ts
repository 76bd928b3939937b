import QRCode from 'qrcode';

// What the app needs to know about the device and what it shows for scanning.

const PHONE = /Mobile|Android|iPhone|iPod|HarmonyOS|OpenHarmony|MicroMessenger|wxwork/i;
const HARMONY = /HarmonyOS|OpenHarmony|ArkWeb/i;

/** A phone (or WeChat's in-app browser): shown a start button instead of a QR code to scan. */
export const isPhone = (userAgent: string | undefined) => PHONE.test(userAgent ?? '');

/** 鸿蒙 Next: its WeChat does not support 企业号 yet, so the 企业微信 APP is recommended. */
export const isHarmonyOs = (userAgent: string | undefined) => HARMONY.test(userAgent ?? '');

/** A real, scannable QR code of the URL as inline SVG (error correction M, quiet zone of 4 modules as the standard asks). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}
