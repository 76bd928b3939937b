// CAS validation responses: XML in the http://www.yale.edu/tp/cas namespace, or JSON with format=JSON.
import { escapeXml } from '../rules/xml.ts';

export type CasErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_TICKET_SPEC'
  | 'INVALID_TICKET'
  | 'INVALID_SERVICE'
  | 'UNAUTHORIZED_SERVICE_PROXY'
  | 'INTERNAL_ERROR';

export interface CasSuccess {
  user: string;
  /** CAS 3.0 only: name → value, in release order. */
  attributes?: [string, string][];
}

export type ResponseFormat = 'XML' | 'JSON';

export function successXml(s: CasSuccess): string {
  const attributes = s.attributes
    ? `        <cas:attributes>\n${s.attributes.map(([name, value]) => `            <cas:${name}>${escapeXml(value)}</cas:${name}>\n`).join('')}        </cas:attributes>\n`
    : '';
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
    <cas:authenticationSuccess>
        <cas:user>${escapeXml(s.user)}</cas:user>
${attributes}    </cas:authenticationSuccess>
</cas:serviceResponse>
`;
}

export function failureXml(code: CasErrorCode, description: string, element = 'authenticationFailure'): string {
  return `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
    <cas:${element} code="${code}">
        ${escapeXml(description)}
    </cas:${element}>
</cas:serviceResponse>
`;
}

/** JSON as in the protocol's appendix: one value as a string, several as an array. */
export function successJson(s: CasSuccess) {
  const success: Record<string, unknown> = { user: s.user };
  if (s.attributes) {
    const attributes: Record<string, string | string[]> = {};
    for (const [name, value] of s.attributes) {
      const existing = attributes[name];
      attributes[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    success.attributes = attributes;
  }
  return { serviceResponse: { authenticationSuccess: success } };
}

export function failureJson(code: CasErrorCode, description: string) {
  return { serviceResponse: { authenticationFailure: { code, description } } };
}
